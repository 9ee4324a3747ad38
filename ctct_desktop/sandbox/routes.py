"""The URL map and the method table: which handler answers which path and method.

A method a resource does not support is a 415, as the real API answered (§8), not a 405.
"""

from __future__ import annotations

from collections.abc import Callable

from werkzeug.routing import BaseConverter, Map, Rule, ValidationError
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import activities, campaigns, contacts, event_feeds, lists, settings_emails
from ctct_desktop.sandbox.ids import ID_PATTERN, parse_id

ACCOUNT = "/ws/customers/<username>"
_ID = "id"


class IdConverter(BaseConverter):
    """A path id as parse_id reads it; werkzeug's ``int`` converter matches ``\\d``, which takes
    Arabic-Indic and other Unicode digits (``/lists/١`` was list 1). Anything else is a 404."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        parsed = parse_id(value)
        if parsed is None:
            raise ValidationError()
        return parsed

    def to_url(self, value: object) -> str:
        return str(value)


URL_MAP = Map([
    Rule(ACCOUNT, endpoint="account_noslash"),
    Rule(f"{ACCOUNT}/", endpoint="service"),
    Rule(f"{ACCOUNT}/contacts", endpoint="contacts"),
    Rule(f"{ACCOUNT}/contacts/<{_ID}:contact_id>", endpoint="contact"),
    Rule(f"{ACCOUNT}/contacts/<{_ID}:contact_id>/events/<kind>", endpoint="contact_events"),
    Rule(f"{ACCOUNT}/lists", endpoint="lists"),
    Rule(f"{ACCOUNT}/lists/<list_key>", endpoint="list"),
    Rule(f"{ACCOUNT}/lists/<list_key>/members", endpoint="list_members"),
    Rule(f"{ACCOUNT}/campaigns", endpoint="campaigns"),
    Rule(f"{ACCOUNT}/campaigns/<{_ID}:campaign_id>", endpoint="campaign"),
    Rule(f"{ACCOUNT}/campaigns/<{_ID}:campaign_id>/events/<kind>", endpoint="campaign_events"),
    Rule(f"{ACCOUNT}/campaigns/<{_ID}:campaign_id>/events/clicks/<{_ID}:url_id>", endpoint="campaign_link_clicks"),
    Rule(f"{ACCOUNT}/campaigns/<{_ID}:campaign_id>/schedules", endpoint="schedules"),
    Rule(f"{ACCOUNT}/campaigns/<{_ID}:campaign_id>/schedules/<{_ID}:schedule_id>", endpoint="schedule"),
    Rule(f"{ACCOUNT}/settings/emailaddresses", endpoint="emails"),
    Rule(f"{ACCOUNT}/settings/emailaddresses/<{_ID}:email_id>", endpoint="email"),
    Rule(f"{ACCOUNT}/activities", endpoint="activities"),
    Rule(f"{ACCOUNT}/activities/<activity_id>", endpoint="activity"),
    Rule(f"{ACCOUNT}/activities/<activity_id>/file", endpoint="activity_file"),
    Rule("/oauth2/oauth/siteowner/authorize", endpoint="v1_authorize"),
    Rule("/oauth2/oauth/token", endpoint="v1_token"),
    Rule("/oauth2/tokeninfo.htm", endpoint="tokeninfo"),
    Rule("/oauth2/default/v1/authorize", endpoint="v3_authorize"),
    Rule("/oauth2/default/v1/token", endpoint="v3_token"),
    Rule("/_sandbox/quirks", endpoint="admin_quirks"),
    Rule("/_sandbox/reset", endpoint="admin_reset"),
    Rule("/", endpoint="home"),
], strict_slashes=False, merge_slashes=False, converters={"id": IdConverter})

Handler = Callable[..., Response]

API_METHODS: dict[str, dict[str, Handler]] = {
    "account_noslash": {m: settings_emails.account_without_slash for m in ("GET", "POST", "PUT", "DELETE")},
    "service": {"GET": settings_emails.service_get},
    "contacts": {"GET": contacts.collection_get, "POST": contacts.collection_post},
    "contact": {"GET": contacts.item_get, "PUT": contacts.item_put, "DELETE": contacts.item_delete},
    "contact_events": {"GET": contacts.events_get},
    "lists": {"GET": lists.collection_get, "POST": lists.collection_post},
    "list": {"GET": lists.item_get, "PUT": lists.item_put, "DELETE": lists.item_delete},
    "list_members": {"GET": lists.members_get},
    "campaigns": {"GET": campaigns.collection_get, "POST": campaigns.collection_post},
    "campaign": {"GET": campaigns.item_get, "PUT": campaigns.item_put, "DELETE": campaigns.item_delete},
    "campaign_events": {"GET": campaigns.events_get},
    "campaign_link_clicks": {"GET": event_feeds.link_clicks},
    "schedules": {"GET": campaigns.schedules_get, "POST": campaigns.schedules_post},
    "schedule": {"GET": campaigns.schedule_get, "DELETE": campaigns.schedule_delete},
    "emails": {"GET": settings_emails.collection_get},
    "email": {"GET": settings_emails.item_get},
    "activities": {"GET": activities.collection_get, "POST": activities.collection_post},
    "activity": {"GET": activities.item_get},
    "activity_file": {"GET": activities.file_get},
}
