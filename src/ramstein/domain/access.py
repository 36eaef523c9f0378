"""Who may do what: a pure decision about (actor, action, resource) with a reason. Default deny.

Roles (docs/web.md):
- coordinator: everything;
- nation: a nation's representative: reads what is releasable to its nation, writes records of its own nation only;
- liaison: Ukraine's liaison: reads like a nation representative of UKR, proposes and withdraws requirements,
  confirms receipts;
- analyst: reads everything; of writes, only the intake of source texts: storing a document with its drafts,
  correcting and rejecting drafts (a draft is a proposal, not a record; confirming one writes the ledger and
  needs `ledger.record` for its donor, which an analyst has not);
- public: anonymous, reads records marked public and released aggregates only.

The industrial base (docs/industry.md): a stock is recorded by its donor's representative and read only by its
own nation's, coordinators and analysts (its level against the minimum tells how ready the donor's forces are);
lines are their nation's, contracts their buyer's; lines, contracts and forecasts are read by every signed-in
user; the public reads none of it.

Actions are strings `<area>.<verb>` (`ledger.record`, `ledger.read`, ...); every action a service asks about is
listed in `ACTIONS`, so an unknown action is a programming error caught by the tests, and is denied anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ramstein.domain.errors import Forbidden


class Role(StrEnum):
    COORDINATOR = "coordinator"
    NATION = "nation"
    LIAISON = "liaison"
    ANALYST = "analyst"
    PUBLIC = "public"


class Marking(StrEnum):
    """Releasability of a record: to everyone, to the coalition's members, or only to the two nations in it."""

    PUBLIC = "public"
    COALITION = "coalition"
    BILATERAL = "bilateral"


UKRAINE = "UKR"
PUBLIC_NAME = "public"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: Role
    nation: str | None = None  # ISO3 of a nation representative; "UKR" for the Ukraine liaison
    read_only: bool = False  # acting through an API token with the read scope only

    @classmethod
    def public(cls) -> Actor:
        """The anonymous reader (no login)."""
        return cls(PUBLIC_NAME, Role.PUBLIC)

    @property
    def signed_in(self) -> bool:
        return self.role is not Role.PUBLIC

    def __str__(self) -> str:
        return f"{self.name} ({self.role}{' ' + self.nation if self.nation else ''})"


@dataclass(frozen=True, slots=True)
class Resource:
    """What an action touches. `nation` owns the record (a ledger entry's donor, an offer's donor); `partner` is
    the other nation of a bilateral record (the recipient); `marking` says to whom the record is releasable."""

    kind: str
    nation: str | None = None
    partner: str | None = None
    marking: Marking = Marking.COALITION
    id: str | None = None

    def __str__(self) -> str:
        parts = [self.kind, self.id, self.nation]
        return ":".join(p for p in parts if p)


ANY = Resource("any")


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str  # in English, as the audit trail, the API and the command line say it
    key: str = ""  # a refusal's kind in REFUSALS, so a page can say it in the reader's language
    params: tuple[tuple[str, str], ...] = ()  # the refusal's words: nations, an action's code, a role, a marking


# Every kind of refusal, with its English reason. The pages' catalogues (web/messages/access.*.json) say each
# in Danish and Norwegian with the same placeholders; `{action}` and `{role}` are given as codes and said as
# words ("record ledger", "an analyst") by `english` here and by the catalogues there.
REFUSALS = {
    "unknown_action": "no rule allows the unknown action '{code}'",
    "read_only": "a read-only token may not {action}",
    "own_account_only": "{name} may manage its own account only, not {other}'s",
    "role_may_not": "{role} may not {action}",
    "public_sign_in": "the public may not {action}: sign in",
    "public_only_public": "the public may read only records marked public, not {marking}",
    "own_nation_reads_only": "a representative of {nation} may {action} of its own nation only, not of {owner}",
    "own_nation_reads_all": "a representative of {nation} may {action} of its own nation only, not of every nation",
    "bilateral": "the record is bilateral between {nation} and {partner}",
    "source_write": "{role} may not {action}: analysts and coordinators read texts into drafts; a nation's "
    "representative confirms its own nation's drafts",
    "no_nation": "a nation representative without a nation may not write",
    "own_nation_writes_only": "a representative of {nation} may not {action} for {owner}",
    "own_nation_writes_none": "a representative of {nation} may not {action} for no nation",
}


# Writes a nation representative may make on records its own nation owns.
OWN_NATION_WRITES = frozenset(
    {
        "ledger.record",
        "ledger.reverse",
        "offers.add",
        "offers.withdraw",
        "courses.add",
        "restrictions.add",
        "markings.set",
    }
    # The industrial base (docs/industry.md, "Who may see and change it"): a stock is its donor's, a line its
    # nation's, a contract its buyer's (the nation that pays; for Ukraine its deliveries become that nation's offers).
    | {"stocks.record", "production.add", "contracts.add"}
)
LIAISON_WRITES = frozenset({"requirements.propose", "requirements.withdraw", "deliveries.confirm"})
COORDINATOR_ONLY = frozenset(
    {
        "requirements.approve",
        "rounds.run",
        "rounds.accept",
        "users.manage",
        "reference.install",
        "audit.read",
        "catalogue.add",
    }
)
# The intake of texts (docs/extraction.md): storing a document with its drafts, correcting a draft, rejecting one.
# Analysts and coordinators: a draft records nothing of any nation, so the analyst's "read all, change no
# nation's records" holds. Not a nation's representative: one who could reject or re-attribute drafts could
# hide what others report about its own nation; it confirms its own nation's drafts (`ledger.record`).
SOURCE_WRITES = frozenset({"sources.add", "sources.edit", "sources.reject"})
READS = frozenset(
    {
        "nations.read",
        "ledger.read",
        "rules.read",
        "reports.read",
        "requirements.read",
        "offers.read",
        "courses.read",
        "rounds.read",
        "public.read",
        "sources.read",
        "industry.read",  # production lines, contracts, forecasts and scenarios: coalition material
        "stocks.read",  # a donor's stock levels and minimums: see OWN_NATION_READS
    }
)
# Reads a nation representative (and the Ukraine liaison) may make of its own nation's records only: a stock's
# level against its minimum tells how ready the donor's own forces are, which it shares with the secretariat
# and the analysts, not with the other nations.
OWN_NATION_READS = frozenset({"stocks.read"})
# What any signed-in user may do to its own account (`Resource("account", id=<user name>)`): issue and revoke
# its tokens, choose its language.
SELF_SERVICE = frozenset({"account.manage"})
ACTIONS = OWN_NATION_WRITES | LIAISON_WRITES | COORDINATOR_ONLY | SOURCE_WRITES | READS | SELF_SERVICE
# What the public may read, and only records marked public (aggregates are released by `released`).
PUBLIC_READS = frozenset({"nations.read", "ledger.read", "rules.read", "public.read"})


def decide(actor: Actor, action: str, resource: Resource = ANY) -> Decision:
    """Allowed or not, and why. Anything not allowed by a rule below is denied."""
    if action not in ACTIONS:
        return _refused("unknown_action", code=action)
    if action in READS:
        return _read(actor, action, resource)
    if actor.read_only:
        return _refused("read_only", action=action)
    if actor.role is Role.COORDINATOR:
        return Decision(True, "a coordinator may do everything")
    if action in SELF_SERVICE and actor.signed_in:
        if resource.id == actor.name:
            return Decision(True, "a user may manage its own account")
        return _refused("own_account_only", name=actor.name, other=str(resource.id))
    if actor.role is Role.NATION and action in OWN_NATION_WRITES:
        return _own_nation(actor, action, resource)
    if actor.role is Role.LIAISON and action in LIAISON_WRITES:
        return Decision(True, f"the Ukraine liaison may {_verb(action)}")
    if action in SOURCE_WRITES:
        return _source_write(actor, action)
    return _refused("role_may_not", role=actor.role, action=action)


def _read(actor: Actor, action: str, resource: Resource) -> Decision:
    if actor.role is Role.COORDINATOR:
        return Decision(True, "a coordinator may read everything")
    if actor.role is Role.ANALYST:
        return Decision(True, "an analyst may read everything")
    if actor.role is Role.PUBLIC:
        if action not in PUBLIC_READS:
            return _refused("public_sign_in", action=action)
        if resource.marking is not Marking.PUBLIC:
            return _refused("public_only_public", marking=resource.marking)
        return Decision(True, "the record is marked public")
    if actor.role not in (Role.NATION, Role.LIAISON):
        return _refused("role_may_not", role=actor.role, action=action)
    if action in OWN_NATION_READS:
        if resource.nation is None:
            return _refused("own_nation_reads_all", nation=str(actor.nation), action=action)
        if resource.nation != actor.nation:
            return _refused("own_nation_reads_only", nation=str(actor.nation), action=action, owner=resource.nation)
        return Decision(True, f"a representative of {actor.nation} may {_verb(action)} of its own nation")
    if resource.marking is Marking.BILATERAL and actor.nation not in (resource.nation, resource.partner):
        return _refused("bilateral", nation=str(resource.nation), partner=str(resource.partner))
    return Decision(True, f"the record is releasable to {actor.nation} ({resource.marking})")


def _source_write(actor: Actor, action: str) -> Decision:
    if actor.role is Role.ANALYST:
        return Decision(True, f"an analyst may {_verb(action)}: a draft is a proposal that records nothing")
    return _refused("source_write", role=actor.role, action=action)


def _own_nation(actor: Actor, action: str, resource: Resource) -> Decision:
    if actor.nation is None:
        return _refused("no_nation")
    if resource.nation is None:
        return _refused("own_nation_writes_none", nation=actor.nation, action=action)
    if resource.nation != actor.nation:
        return _refused("own_nation_writes_only", nation=actor.nation, action=action, owner=resource.nation)
    return Decision(True, f"a representative of {actor.nation} may {_verb(action)} for its own nation")


def forbidden(decision: Decision, message: str, hint: str) -> Forbidden:
    """The error for a refusal: `message` and `hint` in English; the decision's kind and words for a page."""
    return Forbidden(message, hint=hint, key=f"forbidden.{decision.key}", params=dict(decision.params))


def _refused(key: str, **params: str) -> Decision:
    words = {name: english(name, value) for name, value in params.items()}
    return Decision(False, REFUSALS[key].format(**words), key, tuple(params.items()))


def english(name: str, value: str) -> str:
    """A refusal's word in English: an action's code as a verb phrase ("ledger.record": "record ledger"), a role
    with its article ("an analyst"); anything else as it is."""
    if name == "action":
        area, _, verb = value.partition(".")
        return f"{verb} {area}"
    if name == "role":
        return f"{'an' if value[0] in 'aeiou' else 'a'} {value}"
    return str(value)


def _verb(action: str) -> str:
    return english("action", action)


def release_threshold_met(contributors: int, min_nations: int) -> bool:
    """An aggregate is released to the public only when at least `min_nations` nations contribute to it, so no
    single nation's (or pair's) figure can be read off a total."""
    return contributors >= min_nations
