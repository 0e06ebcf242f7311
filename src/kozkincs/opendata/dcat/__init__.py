"""The DCAT-AP 3.0 catalogue of the thematic databases at ``/opendata/catalog.ttl`` and
``/opendata/catalog.jsonld``, for open-data portals to harvest."""
