"""The OAI-PMH 2.0 repository at ``/oai``: Dublin Core (``oai_dc``) and Europeana (``edm``)
records of the published records, one set per catalog, with deleted-record tracking."""
