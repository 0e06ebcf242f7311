from django import template

from kozkincs.contact.selectors import record_contacts

register = template.Library()


@register.inclusion_tag("contact/includes/record_contacts.html")
def record_contact_links(record):
    """Links to the relay form of each person of ``record`` who has an e-mail address."""
    return {"record": record, "contacts": record_contacts(record=record)}
