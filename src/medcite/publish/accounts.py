"""Accounts and sessions: argon2 password hashes, server-side sessions with a CSRF token each.

The session cookie holds a random token; the database holds only its SHA-256, so a copy of the
database does not log anyone in. Logging out deletes the row: the cookie is then worthless.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from medcite.publish.keys import now_iso
from medcite.publish.models import PublishError, Role, User
from medcite.publish.store import DuplicateError, PublishStore

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Session:
    """A logged-in user, the cookie token and the CSRF token of the session."""

    def __init__(self, user: User, token: str, csrf_token: str) -> None:
        self.user = user
        self.token = token
        self.csrf_token = csrf_token


class Accounts:
    def __init__(self, store: PublishStore, session_hours: float) -> None:
        self.store = store
        self.session_hours = session_hours
        self.hasher = PasswordHasher()
        # Verifying against this keeps unknown usernames as slow as wrong passwords.
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    def add_user(self, username: str, password: str, role: Role, display_name: str = "") -> User:
        username, role = username.strip().lower(), Role(role)
        if not USERNAME.match(username):
            raise PublishError(
                "a username is 2-40 characters: lower-case letters, digits, '.', '_' or '-'", 422
            )
        check_password(password)
        try:
            return self.store.add_user(
                username, display_name.strip() or username, role, self.hasher.hash(password), now_iso()
            )
        except DuplicateError:
            raise PublishError(f"the user {username!r} exists already", 409) from None

    def set_password(self, username: str, password: str) -> None:
        check_password(password)
        if not self.store.set_password(username.strip().lower(), self.hasher.hash(password)):
            raise PublishError(f"no user {username!r}", 404)

    def authenticate(self, username: str, password: str) -> User | None:
        found = self.store.user_with_hash(username.strip().lower())
        if found is None or len(password) > MAX_PASSWORD_CHARS:
            self._verify(self._dummy_hash, password[:MAX_PASSWORD_CHARS])
            return None
        user, stored = found
        return user if user.active and self._verify(stored, password) else None

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def start_session(self, user: User) -> Session:
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        expires = now + timedelta(hours=self.session_hours)
        self.store.add_session(
            token_hash(token),
            user.id,
            csrf,
            now.isoformat(timespec="seconds"),
            expires.isoformat(timespec="seconds"),
        )
        return Session(user, token, csrf)

    def session(self, token: str | None) -> Session | None:
        if not token or len(token) > 200:
            return None
        found = self.store.session_user(token_hash(token), now_iso())
        return Session(found[0], token, found[1]) if found else None

    def end_session(self, token: str) -> None:
        self.store.delete_session(token_hash(token))


def check_password(password: str) -> None:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise PublishError(
            f"a password has {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters", 422
        )
