"""Your data, yours: the whole account as one versioned zip, and back into an empty account.

The zip holds ``lorforge.json`` (every row the account owns, model by model) and ``files/…`` (the
uploaded CV and statement). Row ids in the file are the export's own numbers (1, 2, 3… per kind of
record, in the order they were made), so exporting an imported account gives the very same file.

Import is all or nothing: the file is checked (a LORforge export, a version this LORforge reads,
known records and fields, valid values) and loaded in one transaction; on any problem nothing is
changed and the message says what was wrong.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import posixpath
import zipfile
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from lorforge import clock
from lorforge.core.files import PartTooLarge, check_upload, read_capped

FORMAT = "lorforge-export"
VERSION = 1
DATA_NAME = "lorforge.json"
NOT_EXPORTED = {
    "accounts.submittedform",  # one-time form tokens: bookkeeping, not the applicant's data
    "letters.calendarfeed",  # the private calendar link: a secret, made anew in Settings
    "letters.writerlink",
}  # a writer's private page link: a secret, made anew on the letter page
MAX_ZIP_BYTES = 60 * 1024 * 1024
MAX_UNPACKED_BYTES = 120 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROWS = 200_000


class ImportProblem(Exception):
    """The file cannot be imported; the message says why, in words for the applicant."""


# --- Which models, in which order -------------------------------------------------------------------


def exported_models() -> list[type[models.Model]]:
    """The user's own models, each after the ones its required links point to."""
    from .services import _owned_models

    owned = [m for m in _owned_models() if m._meta.label_lower not in NOT_EXPORTED]
    ordered: list[type[models.Model]] = []
    remaining = sorted(owned, key=lambda m: m._meta.label_lower)

    def unmet(model, *, required_only: bool) -> int:
        links = [f for f in _links(model) if not (required_only and f.null)]
        needs = {f.related_model for f in links} | (
            {f.related_model for f in _m2m(model)} if not required_only else set()
        )
        return sum(1 for n in needs if n in owned and n not in ordered and n is not model)

    while remaining:  # every link's target first where possible; a cycle is broken at a nullable link
        candidates = [m for m in remaining if unmet(m, required_only=True) == 0]
        model = min(candidates, key=lambda m: unmet(m, required_only=False), default=None)
        if model is None:  # a cycle of required links cannot be exported: should never happen
            raise RuntimeError(f"cannot order {remaining}")
        ordered.append(model)
        remaining.remove(model)
    return ordered


def _links(model) -> list[models.ForeignKey]:
    """Foreign keys (and one-to-ones) to other rows of the account, the user link excluded."""
    return [f for f in model._meta.fields if isinstance(f, models.ForeignKey) and f.name != "user"]


def _m2m(model) -> list[models.ManyToManyField]:
    return list(model._meta.many_to_many)


def _plain_fields(model) -> list[models.Field]:
    return [
        f for f in model._meta.fields if not f.primary_key and f.name != "user" and not isinstance(f, models.ForeignKey)
    ]


# --- Export ---------------------------------------------------------------------------------------
# Every table is read once as plain rows (values, not model instances): one query per table and one per
# many-to-many link table, whatever the number of entries. The zip is then written as it is produced
# (``export_stream``): the JSON text and the uploaded files go into it piece by piece.

STREAM_CHUNK = 64 * 1024  # bytes of the zip handed on at a time


def _value_out(field, value):
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return value or ""  # a plain row holds the stored name
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _plain_rows(model, *, user) -> list[dict]:
    """The account's rows of ``model`` as plain values, in the order they were made: one query."""
    return list(model.objects.filter(user=user).order_by("pk").values("pk", *(f.attname for f in model._meta.fields)))


def _export(*, user) -> tuple[dict, dict[str, tuple]]:
    """(the JSON document, {path in the zip: (storage, stored name)}): every table read once."""
    numbers: dict[type, dict[int, int]] = {}
    rows_by_model: dict[type, list[dict]] = {}
    for model in exported_models():
        rows = _plain_rows(model, user=user)
        rows_by_model[model] = rows
        numbers[model] = {row["pk"]: index for index, row in enumerate(rows, start=1)}
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": clock.now().isoformat(),
        "account": user.email,
        "records": {},
    }
    files: dict[str, tuple] = {}
    for model, rows in rows_by_model.items():
        if not rows:
            continue
        links = {field.name: _m2m_targets(field, user=user) for field in _m2m(model)}  # one query per table
        plain, foreign = _plain_fields(model), _links(model)
        out = []
        for row in rows:
            local = numbers[model][row["pk"]]
            fields = {}
            for field in plain:
                value = row[field.attname]
                if isinstance(field, models.FileField) and value:
                    extension = posixpath.splitext(value)[1]  # the stored name is random: not exported
                    path = f"files/{model._meta.label_lower}/{local}/{field.name}{extension}"
                    files[path] = (field.storage, value)
                    fields[field.name] = path
                else:
                    fields[field.name] = _value_out(field, value)
            for field in foreign:
                target = row[field.attname]
                fields[field.name] = numbers.get(field.related_model, {}).get(target) if target else None
            for field in _m2m(model):
                targets = numbers.get(field.related_model, {})
                fields[field.name] = sorted(targets[pk] for pk in links[field.name].get(row["pk"], ()) if pk in targets)
            out.append({"id": local, **fields})
        document["records"][model._meta.label_lower] = out
    return document, files


def export_data(*, user) -> tuple[dict, dict[str, bytes]]:
    """(the JSON document, {path in the zip: file bytes})."""
    document, stored = _export(user=user)
    files = {}
    for path, (storage, name) in stored.items():
        with storage.open(name, "rb") as handle:
            files[path] = handle.read()
    return document, files


def _m2m_targets(field: models.ManyToManyField, *, user) -> dict[int, list[int]]:
    """{row pk: [linked pks]} for one many-to-many field of the account's rows, from its link table at once."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links: dict[int, list[int]] = {}
    for row_pk, target_pk in (
        through.objects.filter(**{f"{source}__user": user})
        .values_list(f"{source}_id", f"{target}_id")
        .order_by(f"{source}_id", f"{target}_id")
    ):
        links.setdefault(row_pk, []).append(target_pk)
    return links


class _Pipe(io.RawIOBase):
    """Where the zip is written: it keeps what was written until it is taken (no seeking, so ``zipfile``
    writes each entry's sizes after its data)."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._written = 0
        self.pending = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        self._written += len(data)
        self.pending += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def take(self) -> bytes:
        data, self._chunks, self.pending = b"".join(self._chunks), [], 0
        return data


def export_stream(*, user) -> Iterator[bytes]:
    """The export zip, piece by piece, for a streaming response: the tables are read now (one query each),
    the zip is written as it is handed on (``lorforge.json``, then the uploaded files)."""
    document, files = _export(user=user)

    def pieces() -> Iterator[bytes]:
        pipe = _Pipe()
        with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open(DATA_NAME, "w") as entry:
                for text in _joined(json_text(document), STREAM_CHUNK):
                    entry.write(text.encode())
                    if pipe.pending >= STREAM_CHUNK:
                        yield pipe.take()
            for path, (storage, name) in sorted(files.items()):
                with archive.open(path, "w") as entry, storage.open(name, "rb") as handle:
                    while block := handle.read(STREAM_CHUNK):
                        entry.write(block)
                        if pipe.pending >= STREAM_CHUNK:
                            yield pipe.take()
        yield pipe.take()

    return pieces()


def json_text(document: dict) -> Iterator[str]:
    """``document`` as JSON with sorted keys, in pieces, one record a line: each piece is written by the standard
    library's C encoder (its indented output is written in pure Python, which took about half of an export's time)."""
    dumps = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True)

    def block(pieces: list, indent: str, opening: str, closing: str) -> Iterator[str]:
        if not pieces:
            yield opening + closing
            return
        yield opening
        for index, piece in enumerate(pieces):
            yield ("," if index else "") + "\n" + indent + "  "
            yield from piece
        yield "\n" + indent + closing

    def table(rows) -> Iterator[str]:
        if not isinstance(rows, list):
            return iter((dumps(rows),))
        return block([(dumps(row),) for row in rows], "    ", "[", "]")

    def records(tables) -> Iterator[str]:
        if not isinstance(tables, dict):
            return iter((dumps(tables),))
        return block([(f"{dumps(name)}: ", *table(rows)) for name, rows in sorted(tables.items())], "  ", "{", "}")

    top = [
        (f"{dumps(key)}: ", *(records(value) if key == "records" else (dumps(value),)))
        for key, value in sorted(document.items())
    ]
    yield from block(top, "", "{", "}")
    yield "\n"


def _joined(pieces: Iterator[str], size: int) -> Iterator[str]:
    """The encoder's many small pieces of text, joined into pieces of about ``size`` characters."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def export_zip(*, user) -> bytes:
    return b"".join(export_stream(user=user))


# --- Import -----------------------------------------------------------------------------------------


def read_zip(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """The document and files of an export, or ImportProblem. Sizes are checked before unpacking."""
    if len(data) > MAX_ZIP_BYTES:
        raise ImportProblem(
            f"The file is larger than {MAX_ZIP_BYTES // (1024 * 1024)} MB: it is not a LORforge export."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise ImportProblem("This is not a LORforge export: choose the .zip file that Export downloaded.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise ImportProblem("The zip unpacks to far more than any LORforge export: it was not imported.")
            names = {i.filename for i in infos}
            if DATA_NAME not in names:
                raise ImportProblem(f"The zip has no {DATA_NAME}: it is not a LORforge export.")
            document = json.loads(_read_member(archive, archive.getinfo(DATA_NAME)).decode("utf-8"))
            files = {
                i.filename: _read_member(archive, i)
                for i in infos
                if i.filename.startswith("files/") and not i.is_dir()
            }
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        raise ImportProblem("The zip file is damaged or incomplete. Download the export again.") from None
    except (UnicodeDecodeError, ValueError):
        raise ImportProblem(f"{DATA_NAME} in the zip is not readable JSON. Download the export again.") from None
    return document, files


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return read_capped(archive, info)
    except PartTooLarge:
        raise ImportProblem(
            "The zip file is damaged (a part is larger than it says). Download the export again."
        ) from None


def _check_document(document) -> dict[str, list]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem("This file is not a LORforge export.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem("This export has no readable version number, so it cannot be imported.")
    if version > VERSION:
        raise ImportProblem(
            f"This export was made by a newer LORforge (format {version}; this one reads up to "
            f"{VERSION}). Update LORforge, then import it."
        )
    records = document.get("records")
    if not isinstance(records, dict):
        raise ImportProblem("This export has no records section.")
    known = {m._meta.label_lower for m in exported_models()}
    unknown = sorted(set(records) - known)
    if unknown:
        raise ImportProblem(f"This export holds records LORforge does not know: {', '.join(unknown)[:200]}.")
    total = 0
    for label, rows in records.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportProblem(f"The {label} records are not a list of records.")
        total += len(rows)
    if total > MAX_ROWS:
        raise ImportProblem("This export holds far more records than any account: it was not imported.")
    return records


def is_empty(*, user) -> bool:
    """Nothing but the (possibly filled) profile: an import will not mix with existing records."""
    return not any(
        model.objects.filter(user=user).exists()
        for model in exported_models()
        if model._meta.label_lower != "accounts.profile"
    )


def import_zip(*, user, data: bytes) -> dict[str, int]:
    """Load an export into the (empty) account; {model label: rows} on success, ImportProblem otherwise."""
    document, files = read_zip(data)
    records = _check_document(document)
    if not is_empty(user=user):
        raise ImportProblem(
            "Your account already holds records. Import only into a new, empty account "
            "(sign up with another email, or delete this account's records first)."
        )
    saved_files: list = []
    try:
        with transaction.atomic():
            counts = _load(user=user, records=records, files=files, saved_files=saved_files)
    except Exception:
        for stored in saved_files:  # the rows are rolled back; their files must go too
            stored.storage.delete(stored.name)
        raise
    return counts


def _field_error(label: str, number, field: str, message: str) -> ImportProblem:
    return ImportProblem(f"Record {label} #{number}: {field}: {message}"[:300])


def _load(*, user, records: dict, files: dict[str, bytes], saved_files: list) -> dict[str, int]:
    created: dict[type, dict[int, models.Model]] = {}
    deferred: list[tuple[models.Model, models.ForeignKey, int]] = []
    counts: dict[str, int] = {}
    for model in exported_models():
        label = model._meta.label_lower
        created[model] = {}
        for row in records.get(label, []):
            number = row.get("id")
            if not isinstance(number, int) or isinstance(number, bool) or number in created[model]:
                raise ImportProblem(f"A {label} record has a missing or repeated id.")
            expected = (
                {f.name for f in _plain_fields(model)}
                | {f.name for f in _links(model)}
                | {f.name for f in _m2m(model)}
                | {"id"}
            )
            if extra := sorted(set(row) - expected):
                raise ImportProblem(
                    f"Record {label} #{number} has fields LORforge does not know: {', '.join(extra)[:120]}."
                )
            obj = _existing_profile(model, user) or model(user=user)
            auto_times = {}
            # files last: their stored name may depend on the other fields (e.g. the file type)
            for field in sorted(_plain_fields(model), key=lambda f: isinstance(f, models.FileField)):
                if field.name not in row:
                    continue
                value = row[field.name]
                if isinstance(field, models.FileField):
                    if value:
                        if not isinstance(value, str) or value not in files:
                            raise _field_error(label, number, field.name, "the file is missing from the zip")
                        _kind, problem = check_upload(posixpath.basename(value), files[value])
                        if problem:
                            raise _field_error(label, number, field.name, problem)
                        getattr(obj, field.name).save(posixpath.basename(value), ContentFile(files[value]), save=False)
                        saved_files.append(getattr(obj, field.name))
                    continue
                value = _value_in(field, value, label, number)
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    auto_times[field.attname] = value
                setattr(obj, field.attname, value)
            for field in _links(model):
                target = row.get(field.name)
                if target is None:
                    setattr(obj, field.attname, None)
                elif field.related_model in created and target in created[field.related_model]:
                    setattr(obj, field.attname, created[field.related_model][target].pk)
                elif (
                    field.null
                    and field.related_model in {m for m in exported_models()}
                    and field.related_model not in created
                ):
                    setattr(obj, field.attname, None)
                    deferred.append((obj, field, target))
                else:
                    raise _field_error(label, number, field.name, "points to a record that is not in the file")
            try:
                json_fields = [f.name for f in _plain_fields(model) if isinstance(f, models.JSONField)]  # [] is fine
                obj.full_clean(exclude=[f.name for f in _links(model)] + json_fields + ["user"], validate_unique=False)
                obj.save()
            except ValidationError as exc:
                raise ImportProblem(f"Record {label} #{number}: {_first_message(exc)}"[:300]) from None
            except IntegrityError:
                raise ImportProblem(f"Record {label} #{number} repeats or contradicts another record.") from None
            if auto_times:  # keep the original times: auto_now fields set themselves on save
                model.objects.filter(pk=obj.pk).update(**auto_times)
            for field in _m2m(model):
                targets = row.get(field.name) or []
                if not isinstance(targets, list):
                    raise _field_error(label, number, field.name, "is not a list")
                pool = created.get(field.related_model, {})
                if any(t not in pool for t in targets):
                    raise _field_error(label, number, field.name, "points to a record that is not in the file")
                getattr(obj, field.name).set([pool[t] for t in targets])
            created[model][number] = obj
        counts[label] = len(created[model])
    for obj, field, target in deferred:
        pool = created.get(field.related_model, {})
        if target not in pool:
            raise ImportProblem(
                f"Record {obj._meta.label_lower}: {field.name} points to a record that is not in the file."
            )
        type(obj).objects.filter(pk=obj.pk).update(**{field.attname: pool[target].pk})
    return counts


def _existing_profile(model, user):
    if model._meta.label_lower == "accounts.profile":
        return model.objects.filter(user=user).first()
    return None


def _value_in(field, value, label, number):
    """A JSON value back into what the field holds, or ImportProblem naming the field."""
    if value is None:
        if not field.null:
            raise _field_error(label, number, field.name, "is empty but must have a value")
        return None
    try:
        if isinstance(field, models.DateTimeField):
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError
            return parsed
        if isinstance(field, models.DateField):
            return dt.date.fromisoformat(value)
        if isinstance(field, models.JSONField):
            return value
        if isinstance(field, models.BooleanField):
            if not isinstance(value, bool):
                raise ValueError
            return value
        if isinstance(field, (models.IntegerField,)):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError
            return value
        if isinstance(field, (models.CharField, models.TextField, models.EmailField)):
            if not isinstance(value, str):
                raise ValueError
            return value
    except (TypeError, ValueError, OverflowError):
        raise _field_error(label, number, field.name, f"{str(value)[:40]!r} is not a valid value") from None
    return value


def _first_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        for name, messages in exc.message_dict.items():
            return f"{name}: {messages[0]}"
    return exc.messages[0] if exc.messages else "invalid value"
