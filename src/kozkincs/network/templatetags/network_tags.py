from django import template

from kozkincs.network.selectors import settlement_network_figures

register = template.Library()


@register.inclusion_tag("network/includes/settlement_figures.html")
def settlement_network(settlement):
    """The settlement's actors, active actors and ties in the current network snapshot."""
    return {"settlement": settlement, "network": settlement_network_figures(settlement=settlement)}
