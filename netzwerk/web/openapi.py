"""OpenAPI 3.0 description of /api/v1, built from the same field tables as the forms.

Generated rather than typed out so that a field added to the model's field table (and so to
:mod:`netzwerk.web.forms`) shows up in the description with its limits automatically; the
paths are listed by hand.
"""

from __future__ import annotations

from typing import Any

from netzwerk import graph
from netzwerk.graph.core.validation import ID_MAX
from netzwerk.graph.records import search
from netzwerk.web import forms
from netzwerk.web.kinds import KINDS

KIND_LABELS = {k.api_slug: k.label for k in KINDS.values()}
_QUERY = {"type": "string", "maxLength": search.MAX_QUERY}
_FORMATS: dict[str, dict[str, Any]] = {
    "date": {"type": "string", "format": "date", "nullable": True},
    "bool": {"type": "boolean"},
}


def _field_schema(spec: forms.FieldSpec) -> dict[str, Any]:
    """A field's JSON schema, its limits taken from the model's field table."""
    if spec.kind == "select":
        values = [v for v, _ in spec.choices if v]
        if spec.integer:
            return {"type": "integer", "enum": [int(v) for v in values], "nullable": True}
        return {"type": "string", "enum": [v for v, _ in spec.choices]}
    if spec.kind in _FORMATS:
        return dict(_FORMATS[spec.kind])
    if spec.kind == "int":
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    return {"type": "string", "maxLength": spec.max_length}


def _link_properties() -> dict[str, Any]:
    """Every property a relationship may carry, as the union of the types' fields."""
    props: dict[str, Any] = {}
    for specs in forms.LINK_FIELDS.values():
        for s in specs:
            schema = _field_schema(s)
            if s.kind == "select" and not s.integer:
                schema = {"type": "string", "maxLength": s.max_length}  # choices vary by type
            props.setdefault(s.name, schema)
    return props


def _record_schemas(label: str) -> dict[str, Any]:
    specs = forms.NODE_FIELDS[label]
    props = {s.name: {**_field_schema(s), "description": str(s.label)} for s in specs}
    meta = {
        "id": {"type": "string", "readOnly": True},
        "version": {"type": "integer", "readOnly": True},
        "created": {"type": "string", "format": "date-time", "readOnly": True},
        "updated": {"type": "string", "format": "date-time", "readOnly": True},
        "label": {"type": "string", "readOnly": True},
    }
    required = [s.name for s in specs if s.required and s.kind != "select"]
    return {
        label: {"type": "object", "properties": {**meta, **props}},
        f"{label}Create": {
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
        },
        f"{label}Update": {
            "type": "object",
            "properties": {**props, "version": {"type": "integer"}},
            "required": ["version"],
            "additionalProperties": False,
        },
    }


def _json(schema_ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


def _errors() -> dict[str, Any]:
    return {
        "400": {"description": "Ungültige Eingabe", "content": _json("ValidationErrors")},
        "401": {"description": "Nicht angemeldet", "content": _json("Error")},
        "403": {"description": "Keine Berechtigung", "content": _json("Error")},
    }


def _object_body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """A required JSON request body: one object with these properties."""
    schema = {"type": "object", "properties": properties, "required": required}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _update(label: str, summary: str) -> dict[str, Any]:
    """A PATCH or PUT of one record: the same body, the same answers (409: changed since)."""
    return {
        "summary": summary,
        "requestBody": {"required": True, "content": _json(f"{label}Update")},
        "responses": {
            "200": {"description": "Gespeichert", "content": _json(label)},
            "404": {"description": "Nicht gefunden", "content": _json("Error")},
            "409": {"description": "Inzwischen geändert", "content": _json("Conflict")},
            **_errors(),
        },
    }


def _account_paths() -> dict[str, Any]:
    """Accounts and tokens (admins; a token's own account may revoke it)."""
    path_id = {"in": "path", "required": True, "schema": {"type": "string"}}
    account = {
        "type": "object",
        "properties": {
            "username": {"type": "string"},
            "password": {"type": "string"},
            "display_name": {"type": "string"},
            "role": {"type": "string", "enum": ["viewer", "editor", "admin"]},
            "contacts": {"type": "boolean"},
            "active": {"type": "boolean"},
        },
    }
    body = {"required": True, "content": {"application/json": {"schema": account}}}
    done = {"description": "OK"}
    return {
        "/accounts": {
            "get": {"summary": "Alle Benutzerkonten", "responses": {"200": done}},
            "post": {
                "summary": "Benutzerkonto anlegen",
                "requestBody": body,
                "responses": {"201": done, **_errors()},
            },
        },
        "/accounts/{id}": {
            "patch": {
                "summary": "Rolle, Status, Name oder Passwort eines Kontos ändern",
                "parameters": [{"name": "id", **path_id}],
                "requestBody": body,
                "responses": {"200": done, **_errors(), "404": {"description": "—"}},
            }
        },
        "/accounts/{id}/two-factor/reset": {
            "post": {
                "summary": "Zweiten Faktor eines Kontos zurücksetzen",
                "parameters": [{"name": "id", **path_id}],
                "responses": {"200": done, "404": {"description": "—"}},
            }
        },
        "/accounts/{id}/tokens": {
            "delete": {
                "summary": "Alle API-Tokens eines Kontos widerrufen",
                "parameters": [{"name": "id", **path_id}],
                "responses": {"200": done, "404": {"description": "—"}},
            }
        },
        "/tokens/{id}": {
            "delete": {
                "summary": "API-Token widerrufen",
                "parameters": [{"name": "id", **path_id}],
                "responses": {"200": done, "404": {"description": "—"}},
            }
        },
    }


def spec() -> dict[str, Any]:
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
            "required": ["error"],
        },
        "ValidationErrors": {
            "type": "object",
            "properties": {
                "error": {"type": "string"},
                "errors": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["errors"],
        },
        "Conflict": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "current": {"type": "object"}},
        },
        "Link": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": list(graph.LINK_TYPES)},
                "from_id": {"type": "string"},
                "to_id": {"type": "string"},
                "version": {"type": "integer"},
            },
        },
        "LinkCreate": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": list(graph.LINK_TYPES)},
                "from_id": {"type": "string", "maxLength": ID_MAX},
                "to_id": {"type": "string", "maxLength": ID_MAX},
                **_link_properties(),
            },
            "required": ["type", "from_id", "to_id"],
            "additionalProperties": False,
        },
    }
    paths: dict[str, Any] = {}
    for kind, label in KIND_LABELS.items():
        schemas.update(_record_schemas(label))
        id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        paths[f"/{kind}"] = {
            "get": {
                "summary": f"{label}: Liste mit Suche, Filtern, Sortierung und Seiten",
                "parameters": [
                    {"name": n, "in": "query", "schema": _QUERY}
                    for n in ("q", *search.FILTERS, "sort", "order")
                ]
                + [
                    {"name": "skip", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Eine Seite",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {
                                            "type": "array",
                                            "items": {"$ref": f"#/components/schemas/{label}"},
                                        },
                                        "total": {"type": "integer"},
                                        "skip": {"type": "integer"},
                                        "limit": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    **_errors(),
                },
            },
            "post": {
                "summary": f"{label} anlegen",
                "requestBody": {"required": True, "content": _json(f"{label}Create")},
                "responses": {
                    "201": {"description": "Angelegt", "content": _json(label)},
                    **_errors(),
                },
            },
        }
        paths[f"/{kind}/{{id}}"] = {
            "parameters": [id_param],
            "get": {
                "summary": f"{label} mit allen Verknüpfungen",
                "responses": {
                    "200": {"description": "Der Datensatz", "content": _json(label)},
                    "404": {"description": "Nicht gefunden", "content": _json("Error")},
                    **_errors(),
                },
            },
            "patch": _update(label, f"{label} ändern (nur gesendete Felder; version ist Pflicht)"),
            "put": _update(label, f"{label} ersetzen (nicht gesendete Felder werden geleert)"),
            "delete": {
                "summary": f"{label} löschen (rückgängig über /trash/{{id}}/restore)",
                "parameters": [{"name": "version", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "Gelöscht"},
                    "404": {"description": "Nicht gefunden", "content": _json("Error")},
                    "409": {"description": "Inzwischen geändert", "content": _json("Conflict")},
                    **_errors(),
                },
            },
        }
        paths[f"/{kind}/{{id}}/history"] = {
            "parameters": [id_param],
            "get": {
                "summary": f"Änderungsverlauf eines {label}",
                "responses": {"200": {"description": "Einträge, neueste zuerst"}, **_errors()},
            },
        }
    link_params = [
        {"name": "type", "in": "path", "required": True, "schema": {"type": "string"}},
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
    ]
    paths["/links"] = {
        "post": {
            "summary": "Verknüpfung anlegen",
            "requestBody": {"required": True, "content": _json("LinkCreate")},
            "responses": {
                "201": {"description": "Angelegt", "content": _json("Link")},
                **_errors(),
            },
        }
    }
    paths["/links/{type}/{id}"] = {
        "parameters": link_params,
        "get": {"summary": "Verknüpfung lesen", "responses": {"200": {"description": "OK"}}},
        "patch": {
            "summary": "Verknüpfung ändern (version ist Pflicht)",
            "requestBody": _object_body({"version": {"type": "integer"}}, ["version"]),
            "responses": {
                "200": {"description": "Gespeichert"},
                "409": {"description": "Konflikt"},
                **_errors(),
            },
        },
        "delete": {"summary": "Verknüpfung entfernen", "responses": {"200": {"description": "OK"}}},
    }
    paths["/actors/{id}/merge"] = {
        "post": {
            "summary": "Dublette in diesen Akteur zusammenführen",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "requestBody": _object_body(
                {
                    "duplicate_id": {"type": "string"},
                    "version": {"type": "integer"},
                    "duplicate_version": {"type": "integer"},
                },
                ["duplicate_id"],
            ),
            "responses": {"200": {"description": "Zusammengeführt"}, **_errors()},
        }
    }
    paths["/actors/duplicates"] = {
        "get": {
            "summary": "Ähnliche Akteure (Dublettenprüfung)",
            "parameters": [
                {"name": "name", "in": "query", "required": True, "schema": {"type": "string"}},
                {"name": "email", "in": "query", "schema": {"type": "string"}},
                {"name": "website", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {"200": {"description": "Kandidaten"}, **_errors()},
        }
    }
    paths["/suggest"] = {
        "get": {
            "summary": "Autovervollständigung",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"}},
                {"name": "labels", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {"200": {"description": "Vorschläge"}},
        }
    }
    paths["/trash/{id}/restore"] = {
        "post": {
            "summary": "Gelöschten Eintrag wiederherstellen",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "Wiederhergestellt"}, "404": {"description": "—"}},
        }
    }
    paths["/me"] = {
        "get": {"summary": "Das eigene Konto", "responses": {"200": {"description": "OK"}}}
    }
    paths.update(_account_paths())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "netzwerk API",
            "version": "1",
            "description": "Akteure, Personen, Bündnisse, Projekte, Vokabulare und ihre "
            "Verknüpfungen. Siehe docs/API.md.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "netzwerk_session"},
            },
        },
        "paths": paths,
    }
