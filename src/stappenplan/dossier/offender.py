"""Repeat offenders: a keyed hash of the offender label, never the label itself.

The key is 32 random bytes created with the register and kept in its settings table, so
the same label gives the same hash in this register only. Someone who reads an export (which
has no key) cannot test guesses against it; someone who can read the register itself can, so
the register is protected as a whole (file mode 0600, database roles).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

KEY_BYTES = 32


def new_key() -> str:
    """A fresh register key, as hex text."""
    return secrets.token_hex(KEY_BYTES)


def key_id(key: str) -> str:
    """A short public fingerprint of a key: tells whether two registers share one."""
    return hashlib.sha256(b"stappenplan-dossier-key:" + bytes.fromhex(key)).hexdigest()[:16]


def normalise(label: str) -> str:
    """The label as compared: Unicode NFKC, case-folded, whitespace collapsed.

    'Jan  de Vries' and 'jan de vries' are the same person to the user; so they are here.
    """
    return " ".join(unicodedata.normalize("NFKC", label).casefold().split())


def offender_hash(key: str, label: str) -> str | None:
    """HMAC-SHA256 of the normalised label under the register key (None for an empty label)."""
    text = normalise(label)
    if not text:
        return None
    return hmac.new(bytes.fromhex(key), text.encode("utf-8"), hashlib.sha256).hexdigest()
