"""The data export: everything the portal holds about one person, as a ZIP of JSON files (one per kind of record,
see privacy.registry) with the files they uploaded that they may still open.

The ZIP is written entry by entry: `zip_chunks` yields it in pieces for a streamed download, `zip_to_file` writes it
for the background job. Other people appear as "another person": the export is about its owner only.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from platform_directory.services import user_email_addresses
from portal.models import AuditEvent
from privacy import permissions
from privacy.registry import HOLDINGS, Holding

YOU = "you"
ANOTHER_PERSON = "another person"
CHUNK = 256 * 1024
ROUGH_BYTES_PER_RECORD = 600  # what one record weighs in JSON, for deciding between streaming and a background job

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


# --- Whose records ---------------------------------------------------------------------------------------------------


def person_addresses(user) -> set[str]:
    """The person's login address and every address they verified (lower case)."""
    return user_email_addresses(user)


def holding_queryset(holding: Holding, user, addresses: set[str] | None = None) -> models.QuerySet:
    """The records of `holding` that refer to `user`."""
    model = apps.get_model(holding.model)
    conditions = []
    for lookup in holding.lookups:
        if lookup.startswith("@"):
            addresses = person_addresses(user) if addresses is None else addresses
            conditions += [Q(**{f"{lookup[1:]}__iexact": address}) for address in sorted(addresses)]
        else:
            conditions.append(Q(**{lookup: user}))
    return model._default_manager.filter(reduce(or_, conditions)).distinct().order_by("pk")


def _about_you_condition(user, personal_keys: dict[str, list[str]]) -> Q:
    condition = Q(target_type="portal.user", target_id=str(user.pk))
    for label, ids in personal_keys.items():
        if ids:
            condition |= Q(target_type=label, target_id__in=ids)
    return condition


def audit_events_about(user, addresses: set[str] | None = None) -> models.QuerySet:
    """Audit events whose record is the person's account or one of their personal records (memberships,
    registrations...), whoever did them."""
    keys: dict[str, list[str]] = {}
    for holding in HOLDINGS:
        if holding.personal:
            model = apps.get_model(holding.model)
            ids = holding_queryset(holding, user, addresses).values_list("pk", flat=True)
            keys.setdefault(model._meta.label_lower, []).extend(str(pk) for pk in ids)
    return AuditEvent.objects.filter(_about_you_condition(user, keys)).order_by("created_at", "pk")


# --- One record as JSON ----------------------------------------------------------------------------------------------


def _label(obj, addresses: set[str]) -> str:
    """A record's name, without anyone else's e-mail address in it."""
    return _EMAIL.sub(
        lambda m: m.group(0) if m.group(0).lower() in addresses else _("[e-mail address of another person]"),
        str(obj),
    )


def _without_other_addresses(value, addresses: set[str]):
    """`value` (a text, or JSON) with every e-mail address that is not one of the person's replaced."""
    if isinstance(value, str):
        return _label(value, addresses) if "@" in value else value
    if isinstance(value, list):
        return [_without_other_addresses(v, addresses) for v in value]
    if isinstance(value, dict):
        return {k: _without_other_addresses(v, addresses) for k, v in value.items()}
    return value


def record_as_dict(
    obj, *, user, hidden: Iterable[str] = (), only: Iterable[str] = (), addresses: set[str], files: dict | None = None
) -> dict:
    """Every field of `obj` (or `only` these, with the id) but the hidden ones; people other than `user` as
    "another person" and others' e-mail addresses replaced, other records by id and name, files by their path in
    the ZIP (`files`: field name -> path, or None when left out)."""
    user_model = get_user_model()
    hidden = set(hidden)
    only = set(only)
    out: dict = {}
    for f in obj._meta.concrete_fields:
        if f.name in hidden or isinstance(f, SearchVectorField) or (only and f.name not in only and not f.primary_key):
            continue
        if f.is_relation:
            pk = getattr(obj, f.attname)
            if pk is None:
                out[f.name] = None
            elif f.related_model is user_model:
                out[f.name] = YOU if pk == user.pk else ANOTHER_PERSON
            else:
                out[f.name] = {"id": pk, "name": _label(getattr(obj, f.name), addresses)[:300]}
        elif isinstance(f, models.FileField):
            out[f.name] = (files or {}).get(f.name)
        else:
            out[f.name] = _without_other_addresses(f.value_from_object(obj), addresses)
    for f in obj._meta.many_to_many:
        if f.name not in hidden and (not only or f.name in only):
            out[f.name] = [_label(related, addresses)[:300] for related in getattr(obj, f.name).all()]
    return out


def account_record(user) -> dict:
    return {
        "email": user.email,
        "name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_coordinator": user.is_staff,
        "is_superuser": user.is_superuser,
        "has_password": user.has_usable_password(),
        "groups": list(user.groups.values_list("name", flat=True)),
    }


# --- The ZIP's entries -----------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One file of the ZIP: bytes, or a stored file opened when it is written."""

    path: str
    data: bytes | None = None
    open: Callable | None = None
    size: int = 0


@dataclass
class ExportFile:
    """A stored file the export includes (or leaves out, with the reason)."""

    kind: str
    record_id: object
    field: str
    name: str
    size: int
    included: bool
    opener: Callable | None = None
    path: str = ""


@dataclass
class Plan:
    """What an export holds: record counts per kind and the files, before anything is written."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[ExportFile] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def file_bytes(self) -> int:
        return sum(f.size for f in self.files if f.included)

    @property
    def estimated_bytes(self) -> int:
        return self.file_bytes + self.records * ROUGH_BYTES_PER_RECORD

    @property
    def streams(self) -> bool:
        """Small enough to stream in the request; larger exports are built by a background job."""
        return self.estimated_bytes <= settings.PRIVACY_EXPORT_STREAM_MAX_BYTES

    @property
    def entries(self) -> int:
        """How many files the ZIP will have (for the background job's progress)."""
        return len(self.counts) + 2 + sum(1 for f in self.files if f.included)  # + manifest and README


def _stored_files(holding: Holding, obj, user) -> list[ExportFile]:
    result = []
    for name in holding.files:
        value = getattr(obj, name)
        if not value:
            continue
        original = getattr(obj, "original_name", "") or PurePosixPath(value.name).name
        included = permissions.may_take_file(user, obj)
        try:
            size = getattr(obj, "size", None) or value.storage.size(value.name)
        except OSError:  # the file is gone from storage: listed, not included
            size, included = 0, False
        safe = get_valid_filename(original) or "file"
        result.append(
            ExportFile(
                kind=holding.kind,
                record_id=obj.pk,
                field=name,
                name=original,
                size=size,
                included=included,
                opener=(lambda v=value: v.storage.open(v.name, "rb")),
                path=f"files/{holding.kind}/{obj.pk}-{safe}" if included else "",
            )
        )
    return result


def _select(queryset: models.QuerySet) -> models.QuerySet:
    """Load the records' other records (their names go into the JSON) in the same queries."""
    model = queryset.model
    user_model = get_user_model()
    related = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not user_model and (f.many_to_one or f.one_to_one)
    ]
    m2m = [f.name for f in model._meta.many_to_many]
    return queryset.select_related(*related).prefetch_related(*m2m)


def export_plan(user) -> Plan:
    """Count what the export will hold and list its files; cheap enough for the export page."""
    addresses = person_addresses(user)
    plan = Plan(counts={"account/account": 1})
    for holding in HOLDINGS:
        queryset = holding_queryset(holding, user, addresses)
        plan.counts[holding.kind] = queryset.count()
        if holding.files:
            for obj in queryset:
                plan.files += _stored_files(holding, obj, user)
    plan.counts["portal/audit_events_about_you"] = audit_events_about(user, addresses).count()
    return plan


def _json(document: dict) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def export_entries(user, plan: Plan | None = None) -> Iterator[Entry]:
    """The ZIP's files, one kind of record at a time (then the stored files, the manifest and a README)."""
    addresses = person_addresses(user)
    plan = plan or export_plan(user)
    files = {(f.kind, f.record_id, f.field): f for f in plan.files}
    manifest = []

    def document(kind: str, description: str, records: list) -> Entry:
        manifest.append({"file": f"{kind}.json", "description": description, "records": len(records)})
        return Entry(path=f"{kind}.json", data=_json({"description": description, "records": records}))

    yield document("account/account", _("Your account."), [account_record(user)])
    for holding in HOLDINGS:
        records = []
        for obj in _select(holding_queryset(holding, user, addresses)).iterator(chunk_size=500):
            paths = {}
            for name in holding.files:
                stored = files.get((holding.kind, obj.pk, name))
                paths[name] = stored.path if stored and stored.included else None
            records.append(
                record_as_dict(
                    obj, user=user, hidden=holding.hidden, only=holding.fields, addresses=addresses, files=paths
                )
            )
        yield document(holding.kind, str(holding.description), records)
    about = [
        record_as_dict(event, user=user, addresses=addresses)
        for event in audit_events_about(user, addresses).iterator(chunk_size=500)
    ]
    yield document(
        "portal/audit_events_about_you",
        _("What the audit log recorded about your account and your personal records, whoever did it."),
        about,
    )
    for stored in plan.files:
        if stored.included:
            yield Entry(path=stored.path, open=stored.opener, size=stored.size)
    left_out = [{"kind": f.kind, "record": f.record_id, "file": f.name} for f in plan.files if not f.included]
    yield Entry(
        path="manifest.json",
        data=_json(
            {
                "portal": settings.SITE_URL,
                "controller": settings.PRIVACY_CONTROLLER_NAME,
                "generated_at": timezone.now(),
                "files": manifest,
                "files_left_out": left_out,
                "not_included": [str(reason) for reason in NOT_INCLUDED],
            }
        ),
    )
    yield Entry(path="README.txt", data=_readme(manifest).encode())


NOT_INCLUDED = (
    _lazy("Responses to anonymous surveys: they are linked to nobody, so nobody (not even the portal) can find yours."),
    _lazy(
        "Files of an organisation's evidence library that you uploaded but may no longer open (for example after "
        "leaving the organisation): they belong to the organisation; the export lists them by name."
    ),
    _lazy("Other people's personal data: where a record names someone else, the export says “another person”."),
    _lazy(
        "Secrets: your password (kept only as a one-way hash), two-factor secrets and recovery codes, API token "
        "keys, invitation tokens and your private calendar link."
    ),
    _lazy(
        "Server logs and sign-in sessions: technical records kept for a short time (see the privacy notice); ask "
        "the controller if you need them."
    ),
)


def _readme(manifest: list[dict]) -> str:
    lines = [
        _("Your data from the Cluster Excellence Portal (%(site)s)") % {"site": settings.SITE_URL},
        _("Generated on %(when)s.") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")},
        "",
        _(
            "Each JSON file holds one kind of record that refers to you; “you” marks you and “another person” "
            "someone else. Files you uploaded are in files/. manifest.json lists everything, with what is not "
            "included and why."
        ),
        "",
    ]
    lines += [f"{item['file']}: {item['description']} ({item['records']})" for item in manifest]
    return "\n".join(lines) + "\n"


# --- Writing the ZIP -------------------------------------------------------------------------------------------------


class _Sink:
    """A write-only stream that hands over what zipfile wrote since the last drain (zipfile writes data
    descriptors when it cannot seek, so the ZIP comes out in order)."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._position = 0

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _write(archive: zipfile.ZipFile, entry: Entry) -> Iterator[None]:
    """Write one entry, pausing (yielding) after each chunk of a stored file."""
    if entry.data is not None:
        archive.writestr(entry.path, entry.data)
        return
    try:
        source = entry.open()
    except OSError:
        archive.writestr(f"{entry.path}.missing.txt", _("This file could not be read from storage.").encode())
        return
    with source, archive.open(entry.path, "w") as target:
        while chunk := source.read(CHUNK):
            target.write(chunk)
            yield


def zip_chunks(entries: Iterable[Entry]) -> Iterator[bytes]:
    """The ZIP of `entries`, as it is written: for a StreamingHttpResponse."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            for _pause in _write(archive, entry):
                yield sink.drain()
            yield sink.drain()
    yield sink.drain()


def zip_to_file(entries: Iterable[Entry], target, *, progress: Callable[[int, str], None] | None = None) -> None:
    """Write the ZIP of `entries` into the open binary file `target`, calling `progress(done, path)` per entry."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, entry in enumerate(entries, start=1):
            for _pause in _write(archive, entry):
                pass
            if progress:
                progress(done, entry.path)
