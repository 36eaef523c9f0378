"""An anchor noted outside the database catches what a self-consistent chain cannot: a cut-back."""

from __future__ import annotations

from ramstein.domain.ledger import ChainHead, check_anchor, verify_chain


def test_an_anchor_still_in_place_leaves_the_report_intact(make_entry, record):
    chain = record([make_entry(), make_entry(note="second")])
    report = check_anchor(verify_chain(chain), ChainHead(2, chain[1].hash), chain[1])
    assert report.intact


def test_a_missing_anchor_means_the_ledger_was_cut_back(make_entry, record):
    chain = record([make_entry(), make_entry(note="second")])
    shortened = verify_chain(chain[:1])
    assert shortened.intact  # the chain alone cannot tell
    report = check_anchor(shortened, ChainHead(2, chain[1].hash), None)
    assert report.broken_at == 2 and "cut back to #1" in report.problem


def test_an_anchor_with_another_hash_means_the_chain_was_rewritten(make_entry, record):
    original = record([make_entry(), make_entry(note="second")])
    rewritten = record([make_entry(), make_entry(note="other")])
    report = check_anchor(verify_chain(rewritten), ChainHead(2, original[1].hash), rewritten[1])
    assert report.broken_at == 2 and "as noted earlier" in report.problem


def test_a_broken_chain_is_reported_as_it_is(make_entry, record):
    chain = record([make_entry(), make_entry(note="second")])
    broken = verify_chain([chain[1]])
    assert check_anchor(broken, ChainHead(2, chain[1].hash), chain[1]) is broken
