"""L013-L015 and L019: the Campaign payload's required fields, enums and conditions (§5.1)."""

from __future__ import annotations

from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import has_miscased, payload_is, replace_content_fix, text_of
from ctct_desktop.lint.vocab import (
    CA_PROVINCES, CAMPAIGN_REQUIRED, CONDITIONAL_TEXTS, CONTENT_FORMATS, EMAIL, EMAIL_SETTINGS_URI,
    GREETING_NAMES, US_STATES, YES_NO, is_placeholder, suggest_name,
)

L013 = RuleDoc("L013", "Campaign has its required elements", Severity.ERROR,
               "A custom-code campaign needs Name, Subject, FromName, EmailContentFormat (HTML or XHTML), "
               "EmailContent, EmailTextContent, FromEmail and ReplyToEmail; without them the create is a 400.",
               "<Campaign ...>\n  <Name>Spring</Name>\n</Campaign>",
               "<Name>Spring</Name><Subject>...</Subject><FromName>...</FromName>\n"
               "<EmailContentFormat>HTML</EmailContentFormat>...")
L014 = RuleDoc("L014", "Campaign enumerations use exact values", Severity.ERROR,
               "ViewAsWebpage, PermissionReminder, IncludeForwardEmail and IncludeSubscribeLink are YES or NO; "
               "GreetingName is FirstName, LastName, FirstAndLastName or None. Support rejected a campaign "
               "whose GreetingName was a form-field name (E5).",
               "<GreetingName>cmp_grt_name</GreetingName>", "<GreetingName>FirstName</GreetingName>")
L015 = RuleDoc("L015", "Campaign conditional fields are present", Severity.ERROR,
               "ViewAsWebpage=YES needs ViewAsWebpageLinkText and ViewAsWebpageText; PermissionReminder=YES "
               "needs PermissionReminderText; IncludeForwardEmail=YES needs ForwardEmailLinkText; "
               "IncludeSubscribeLink=YES needs SubscribeLinkText. OrganizationState is required when "
               "OrganizationCountry is US or CA (S8's validation) and when no country is given (support answered "
               "'OrganizationState is required' for a campaign with neither, ticket T3); with no country an "
               "OrganizationInternationalState stands in for it. For US/CA it must be a state or province code "
               "of that country (S8's state lists); with no country any value is taken. The sandbox applies the "
               "same rule (its README's table of 400s).",
               "<OrganizationState></OrganizationState>\n<OrganizationCountry>US</OrganizationCountry>",
               "<OrganizationState>MA</OrganizationState>\n<OrganizationCountry>US</OrganizationCountry>")
L019 = RuleDoc("L019", "FromEmail and ReplyToEmail reference a registered address", Severity.ERROR,
               "FromEmail and ReplyToEmail each hold <Email id=\".../settings/emailaddresses/{n}\"> (one of the "
               "account's verified addresses, from GET /settings/emailaddresses) and the <EmailAddress> itself.",
               "<FromEmail><EmailAddress>joesflowers@example.com</EmailAddress></FromEmail>",
               "<FromEmail>\n  <Email id=\"http://api.constantcontact.com/ws/customers/joesflowers/settings/"
               "emailaddresses/1\"/>\n  <EmailAddress>joesflowers@example.com</EmailAddress>\n</FromEmail>")

_campaign = payload_is("Campaign")


def _value(ctx: LintContext, name: str) -> str | None:
    return ctx.field_text(name)


@register(L013, _campaign)
def check_required(ctx: LintContext) -> Iterator[Diagnostic]:
    missing = []
    for name in CAMPAIGN_REQUIRED:
        element = ctx.field(name)
        if element is None:
            if not has_miscased(ctx.payload, name):  # a miscased one is L007's, with a fix
                missing.append(name)
        elif name not in ("FromEmail", "ReplyToEmail") and len(element) == 0 and not ctx.text(element).strip():
            yield ctx.at_element(L013, element, f"<{name}> is empty.", f"The campaign needs a {name}.")
    if missing:
        names = ", ".join(f"<{n}>" for n in missing)
        yield ctx.at_element(L013, ctx.payload, f"The campaign lacks {names}.", "All of them are required on create and update.")
    fmt = ctx.field("EmailContentFormat")
    value = text_of(fmt).strip()
    if fmt is not None and value and value not in CONTENT_FORMATS and not is_placeholder(value):
        right = suggest_name(value, frozenset(CONTENT_FORMATS))
        fix = replace_content_fix(ctx, fmt, right, f"Use {right}") if right else None
        yield ctx.at_element(L013, fmt, f"EmailContentFormat '{value[:40]}' is not HTML or XHTML.", "Upper case.",
                             fix=fix, part="content")


def _enum(ctx: LintContext, name: str, allowed: tuple[str, ...]) -> Iterator[Diagnostic]:
    element = ctx.field(name)
    value = text_of(element).strip()
    # Empty is absent: the official libraries write every field, empty ones as <X></X>.
    if element is None or not value or value in allowed or is_placeholder(value) or len(element):
        return
    right = suggest_name(value, frozenset(allowed))
    fix = replace_content_fix(ctx, element, right, f"Use {right}") if right else None
    choices = ", ".join(allowed)
    yield ctx.at_element(L014, element, f"{name} '{value[:40]}' is not one of {choices}.", "Values are case-sensitive.",
                         fix=fix, part="content")


@register(L014, _campaign)
def check_enums(ctx: LintContext) -> Iterator[Diagnostic]:
    for name in ("ViewAsWebpage", "PermissionReminder", "IncludeForwardEmail", "IncludeSubscribeLink"):
        yield from _enum(ctx, name, YES_NO)
    yield from _enum(ctx, "GreetingName", GREETING_NAMES)


@register(L015, _campaign)
def check_conditionals(ctx: LintContext) -> Iterator[Diagnostic]:
    for flag, needed in CONDITIONAL_TEXTS:
        if (_value(ctx, flag) or "").upper() != "YES":
            continue
        for name in needed:
            if not (_value(ctx, name) or ""):
                yield ctx.at_element(L015, ctx.field(flag), f"{flag}=YES requires <{name}>.",
                                     f"Add <{name}> or set {flag} to NO.")
    yield from _organization_state(ctx)


def _organization_state(ctx: LintContext) -> Iterator[Diagnostic]:
    country = (_value(ctx, "OrganizationCountry") or "").strip()
    state = (_value(ctx, "OrganizationState") or "").strip()
    international = (_value(ctx, "OrganizationInternationalState") or "").strip()
    if is_placeholder(country) or is_placeholder(state):
        return
    upper = country.upper()
    if not state:
        if upper in ("US", "CA") or (not country and not international):
            reason = f"OrganizationCountry is {country}" if country else "no OrganizationCountry is given"
            target = next((e for e in (ctx.field("OrganizationCountry"), ctx.field("OrganizationState"))
                           if e is not None), ctx.payload)
            yield ctx.at_element(L015, target, f"<OrganizationState> is required because {reason}.",
                                 "Give a 2-letter state or province code, or an OrganizationInternationalState "
                                 "(with the country) outside the US and Canada.")
        return
    codes = US_STATES if upper == "US" else CA_PROVINCES if upper == "CA" else None
    if codes is not None and state.upper() not in codes:
        yield ctx.at_element(L015, ctx.field("OrganizationState"), f"'{state[:40]}' is not a "
                             f"{'US state' if upper == 'US' else 'Canadian province'} code.",
                             "Use the 2-letter code matching OrganizationCountry.", part="content")


@register(L019, _campaign)
def check_sender_addresses(ctx: LintContext) -> Iterator[Diagnostic]:
    for name in ("FromEmail", "ReplyToEmail"):
        holder = ctx.field(name)
        if holder is None:
            continue  # L013 reports the absence
        email = ctx.child(holder, "Email")
        ident = (email.get("id") or "").strip() if email is not None else ""
        if email is None and not has_miscased(holder, "Email"):
            yield ctx.at_element(L019, holder, f"<{name}> has no <Email id=\".../settings/emailaddresses/n\">.",
                                 "Copy the id from GET /settings/emailaddresses.")
        elif email is not None and not is_placeholder(ident) and not EMAIL_SETTINGS_URI.search(ident):
            yield ctx.at_attribute(L019, email, "id", f"<{name}>/<Email> id '{ident[:80]}' is not a "
                                   ".../settings/emailaddresses/{n} URI.", "Copy it from GET /settings/emailaddresses.")
        address = ctx.child(holder, "EmailAddress")
        value = text_of(address).strip()
        if address is None and has_miscased(holder, "EmailAddress"):
            continue
        if address is None or not value:
            yield ctx.at_element(L019, address if address is not None else holder,
                                 f"<{name}> has no <EmailAddress>.", "Give the registered address itself.")
        elif not is_placeholder(value) and not EMAIL.match(value):
            yield ctx.at_element(L019, address, f"'{value[:80]}' is not a valid email address.", part="content")
