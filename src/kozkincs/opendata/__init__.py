"""Open data: exports of the public records and the endpoints harvesters read (DCAT-AP,
OAI-PMH)."""
