"""The `PasswordHasher` port over argon2id (argon2-cffi, with its recommended parameters)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2Hasher:
    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def fast_hasher() -> Argon2Hasher:
    """argon2id with the smallest costs, for tests only (the real costs take ~50 ms a hash by design)."""
    return Argon2Hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
