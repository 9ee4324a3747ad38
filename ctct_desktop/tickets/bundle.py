"""A ticket as one ``.ctct-ticket.zip``: every file of the folder plus a manifest, no secrets.

``manifest.json`` (format 1) names the ticket and lists each file with its size and SHA-256, so
an import can tell a complete bundle from a damaged or altered one. Export refuses a folder in
which the secret scan finds anything (and says where); import checks the manifest, the checksums,
the sizes, that every path stays inside the destination, and scans again, then moves the ticket
into place in one step, so a failed import leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from ctct_desktop import __version__
from ctct_desktop.tickets.model import Ticket, TicketError
from ctct_desktop.tickets.secret_scan import SecretHit, scan_text
from ctct_desktop.tickets.ticket_file import TICKET_FILE, load_ticket, parse_ticket

BUNDLE_SUFFIX = ".ctct-ticket.zip"
MANIFEST = "manifest.json"
BUNDLE_FORMAT = 1
BUNDLE_KIND = "ctct-ticket"
MAX_FILES = 5000
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # a ticket holds requests and redacted exchanges, not archives
MAX_SCAN_BYTES = 64 * 1024 * 1024  # a file larger than this is listed, checked, but not scanned
SKIPPED = {".git", "__pycache__", ".DS_Store"}


@dataclass(frozen=True)
class BundleFile:
    path: str  # POSIX, relative to the ticket folder
    size: int
    sha256: str


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    ticket: Ticket
    files: tuple[BundleFile, ...]


class SecretsFound(TicketError):
    def __init__(self, hits: list[SecretHit]) -> None:
        listed = "; ".join(str(h) for h in hits[:10]) + (f" (and {len(hits) - 10} more)" if len(hits) > 10 else "")
        super().__init__(f"Not bundled: the secret scan found {len(hits)} possible secret(s): {listed}. "
                         "Remove them (or replace them with {{variables}}) and export again.")
        self.hits = hits


def _digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def _scan_file(path: Path, relative: str, known: Iterable[str]) -> list[SecretHit]:
    if path.stat().st_size > MAX_SCAN_BYTES:
        return []
    text = path.read_bytes().decode("utf-8", errors="replace")
    return scan_text(text, relative, known)


def _files(folder: Path) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not Path(current, d).is_symlink())
        for name in sorted(names):
            path = Path(current, name)
            if name in SKIPPED or path.is_symlink() or not path.is_file():
                continue
            found.append((path, path.relative_to(folder).as_posix()))
    return found


def export_bundle(folder: Path, target: Path, *, known_secrets: Iterable[str] = ()) -> ExportedBundle:
    """Write the ticket in ``folder`` to ``target`` (a ``.ctct-ticket.zip``), after the secret scan."""
    ticket = load_ticket(folder)
    if target.resolve().is_relative_to(folder.resolve()):
        raise TicketError(f"Choose a place outside the ticket folder for {target.name}: a bundle inside "
                          "it would be packed into the next bundle and kept with the ticket's files.")
    known = tuple(known_secrets)
    files = _files(folder)
    if len(files) > MAX_FILES:
        raise TicketError(f"The ticket holds {len(files)} files; a bundle takes at most {MAX_FILES}.")
    hits = [hit for path, relative in files for hit in _scan_file(path, relative, known)]
    if hits:
        raise SecretsFound(hits)
    listed = tuple(BundleFile(relative, path.stat().st_size, _digest(path)) for path, relative in files)
    if sum(f.size for f in listed) > MAX_TOTAL_BYTES:
        raise TicketError(f"The ticket holds more than {MAX_TOTAL_BYTES >> 20} MB; too large for a bundle.")
    manifest = {"format": BUNDLE_FORMAT, "kind": BUNDLE_KIND, "generator": f"CTCT Desktop {__version__}",
                "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "ticket": {"id": ticket.id, "title": ticket.title, "folder": folder.resolve().name},
                "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in listed]}
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
            for path, relative in files:
                archive.write(path, relative)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TicketError(f"{target} cannot be written ({exc.strerror or exc}).") from exc
    return ExportedBundle(target, ticket, listed)


def _manifest(archive: zipfile.ZipFile, where: Path) -> list[BundleFile]:
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise TicketError(f"{where} is not a ticket bundle (it has no {MANIFEST}).") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise TicketError(f"{where}: its {MANIFEST} cannot be read ({exc}).") from None
    if not isinstance(data, dict) or data.get("kind") != BUNDLE_KIND:
        raise TicketError(f"{where} is not a ticket bundle (its manifest is not a ticket's).")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TicketError(f"{where}: its manifest has no valid format number.")
    if version > BUNDLE_FORMAT:
        raise TicketError(f"{where} was made by a newer CTCT Desktop (bundle format {version}; this one reads "
                          f"{BUNDLE_FORMAT}). Update to import it.")
    rows = data.get("files")
    if not isinstance(rows, list) or len(rows) > MAX_FILES:
        raise TicketError(f"{where}: its manifest's file list is missing or too long.")
    files = []
    for row in rows:
        if not (isinstance(row, dict) and isinstance(row.get("path"), str) and isinstance(row.get("size"), int)
                and isinstance(row.get("sha256"), str)):
            raise TicketError(f"{where}: its manifest lists a file without path, size and checksum.")
        files.append(BundleFile(row["path"], row["size"], row["sha256"]))
    return files


def _safe_relative(name: str, where: Path) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or ":" in path.parts[0]:
        raise TicketError(f"{where}: the bundle holds a path outside the ticket folder ('{name}'); not imported.")
    return path


def import_bundle(bundle: Path, destination: Path) -> Ticket:
    """Unpack ``bundle`` as the ticket folder ``destination`` (which must not exist or be empty)."""
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise TicketError(f"{destination} exists and is not empty; choose a new folder for the ticket.")
    try:
        archive = zipfile.ZipFile(bundle)
    except FileNotFoundError:
        raise TicketError(f"{bundle}: no such file.") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise TicketError(f"{bundle} is not a readable zip file ({exc}).") from None
    with archive:
        files = _manifest(archive, bundle)
        members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        listed = {f.path for f in files}
        unlisted = sorted(set(members) - listed - {MANIFEST})
        if unlisted:
            raise TicketError(f"{bundle}: it holds files its manifest does not list ({', '.join(unlisted[:5])}); "
                              "it was changed after export. Not imported.")
        if TICKET_FILE not in listed:
            raise TicketError(f"{bundle}: it has no {TICKET_FILE}; not a ticket.")
        if sum(f.size for f in files) > MAX_TOTAL_BYTES:
            raise TicketError(f"{bundle}: it unpacks to more than {MAX_TOTAL_BYTES >> 20} MB; not imported.")
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ticket-import-", dir=destination.parent))
        try:
            hits: list[SecretHit] = []
            for entry in files:
                relative = _safe_relative(entry.path, bundle)
                info = members.get(entry.path)
                if info is None:
                    raise TicketError(f"{bundle}: '{entry.path}' is listed but missing; the bundle is incomplete.")
                if info.file_size != entry.size:
                    raise TicketError(f"{bundle}: '{entry.path}' has the wrong size; the bundle is damaged.")
                target = staging.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                hasher = hashlib.sha256()
                written = 0
                with archive.open(info) as source, open(target, "wb") as out:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        written += len(block)
                        if written > entry.size:
                            raise TicketError(f"{bundle}: '{entry.path}' is larger than its manifest says.")
                        hasher.update(block)
                        out.write(block)
                if hasher.hexdigest() != entry.sha256:
                    raise TicketError(f"{bundle}: '{entry.path}' does not match its checksum; the bundle is damaged "
                                      "or was altered. Not imported.")
                if entry.size <= MAX_SCAN_BYTES:
                    hits += scan_text(target.read_bytes().decode("utf-8", "replace"), entry.path)
            if hits:
                raise SecretsFound(hits)
            ticket = parse_ticket((staging / TICKET_FILE).read_text(encoding="utf-8"), f"{bundle}:{TICKET_FILE}")
            if destination.exists():
                destination.rmdir()
            os.replace(staging, destination)
        except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as exc:
            raise TicketError(f"{bundle} cannot be unpacked ({exc}).") from exc
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return ticket
