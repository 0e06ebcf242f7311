import pytest

from kozkincs.gazetteer.geography import HUNGARY_BBOX, is_in_hungary, parse_bbox


def test_bbox_is_ordered_and_contains_the_extreme_points_of_hungary():
    min_lon, min_lat, max_lon, max_lat = HUNGARY_BBOX
    assert min_lon < max_lon and min_lat < max_lat
    # Felsőszölnök (west), Garbolc (east), Beremend (south), Füzér (north)
    for lat, lon in [(46.87, 16.16), (47.94, 22.86), (45.79, 18.43), (48.55, 21.45)]:
        assert is_in_hungary(lat, lon)


# Graz, Zagreb, Belgrade, Košice, Cluj. (A box: Vienna or Bratislava would fall inside.)
@pytest.mark.parametrize(
    ("lat", "lon"), [(47.07, 15.44), (45.81, 15.98), (44.79, 20.45), (48.72, 21.26), (46.77, 23.6)]
)
def test_points_beyond_the_box_are_outside(lat, lon):
    assert not is_in_hungary(lat, lon)


def test_parse_bbox_reads_four_numbers_in_lon_lat_order():
    assert parse_bbox("16.5, 46.7,17.1,47.0") == (16.5, 46.7, 17.1, 47.0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "four comma-separated"),
        ("16.5,46.7,17.1", "four comma-separated"),
        ("16.5,46.7,17.1,47.0,1", "four comma-separated"),
        ("a,46.7,17.1,47.0", "must be a number"),
        ("16.5,,17.1,47.0", "must be a number"),
        ("nan,46.7,17.1,47.0", "longitudes"),
        ("16.5,46.7,inf,47.0", "longitudes"),
        ("-181,46.7,17.1,47.0", "longitudes"),
        ("16.5,-91,17.1,47.0", "latitudes"),
        ("17.1,46.7,16.5,47.0", "minimum"),
        ("16.5,47.0,17.1,46.7", "minimum"),
    ],
)
def test_parse_bbox_rejects_malformed_or_out_of_range_input(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_bbox(text)
