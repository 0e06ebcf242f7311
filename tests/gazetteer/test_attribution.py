from kozkincs.gazetteer.attribution import data_sources


def test_sources_credit_ksh_and_openstreetmap_with_licences():
    sources = data_sources()
    attributions = {source.attribution for source in sources}
    assert "Forrás: KSH" in attributions
    assert "© OpenStreetMap contributors (ODbL)" in attributions
    for source in sources:
        assert str(source.name) and source.licence and source.url.startswith("https://")
