"""Reading a user's text file (scenario, data table, ledger import) with one-line errors that name it."""

from __future__ import annotations

from pathlib import Path

from ceasefire.errors import CeasefireError


def read_text(path: Path, error: type[CeasefireError], expected: str = "a text file") -> str:
    """The file's UTF-8 text (a byte-order mark is dropped); every failure is ``error`` naming the path.

    >>> read_text(Path("no/such/file.csv"), CeasefireError)
    Traceback (most recent call last):
    ceasefire.errors.CeasefireError: no/such/file.csv: file not found
    """
    try:
        with path.open("rb") as f:
            head = f.read(8192)
            if b"\x00" in head:  # before reading on: /dev/zero or a device would never end
                raise error(f"binary file, expected {expected}", source=str(path))
            raw = head + f.read()
    except FileNotFoundError:
        raise error("file not found", source=str(path)) from None
    except IsADirectoryError:
        raise error(f"is a directory, expected {expected}", source=str(path)) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", source=str(path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start})", source=str(path)) from None
