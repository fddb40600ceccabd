import pandas as pd
import pytest

from humaskit import SchemaError, schema


def _posts(**over):
    base = {
        "platform": ["instagram", "x"],
        "account": ["pemkot", "pemkot"],
        "post_id": ["1", "2"],
        "published_at": ["2025-09-01 12:00:00+07:00", "2025-09-02T05:00:00Z"],
        "post_type": ["reel", "text"],
        "reach": [120, None],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_validate_coerces_times_to_utc_and_keeps_missing_metrics_missing():
    out = schema.validate(_posts(), "posts")
    assert str(out["published_at"].dt.tz) == "UTC"
    assert out.loc[0, "published_at"] == pd.Timestamp("2025-09-01 05:00", tz="UTC")
    assert str(out["reach"].dtype) == "Int64"
    assert pd.isna(out.loc[1, "reach"])  # not reported -> NA, never 0
    assert out["likes"].isna().all()
    assert list(out.columns[: len(schema.columns("posts"))]) == schema.columns("posts")


def test_validate_never_changes_its_input():
    df = _posts()
    before = df.copy()
    schema.validate(df, "posts")
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("lang,word", [("id", "kolom"), ("en", "column")])
def test_error_names_table_column_rows_and_expectation(lang, word):
    df = _posts(reach=["12", "banyak"])
    with pytest.raises(SchemaError) as exc:
        schema.validate(df, "posts", lang=lang)
    msg = str(exc.value)
    assert "posts" in msg and "reach" in msg and word in msg and "1" in msg
    assert "\n" not in msg


def test_missing_required_column_is_named():
    with pytest.raises(SchemaError, match="post_id"):
        schema.validate(_posts().drop(columns="post_id"), "posts", lang="en")


def test_unknown_platform_lists_the_known_ones():
    with pytest.raises(SchemaError, match="facebook, instagram"):
        schema.validate(_posts(platform=["myspace", "x"]), "posts", lang="en")


def test_only_first_rows_listed_with_a_count_of_the_rest():
    df = pd.DataFrame(
        {
            "platform": ["x"] * 20,
            "account": ["a"] * 20,
            "date": ["bukan tanggal"] * 20,
            "metric": ["followers"] * 20,
            "value": [1] * 20,
        }
    )
    with pytest.raises(SchemaError, match=r"0, 1, 2, 3, 4 \(\+15\)"):
        schema.validate(df, "daily", lang="en")


def test_bool_columns_accept_indonesian_words():
    df = pd.DataFrame(
        {
            "institution": ["Pemkot"],
            "unit": ["Diskominfo"],
            "platform": ["x"],
            "handle": ["@pemkot"],
            "display_name": ["Pemkot"],
            "two_factor": ["tidak"],
            "verified": ["ya"],
        }
    )
    out = schema.validate(df, "accounts")
    assert out.loc[0, "two_factor"] is pd.NA or out.loc[0, "two_factor"] == False  # noqa: E712
    assert bool(out.loc[0, "verified"]) is True


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_empty_tables_validate(table):
    out = schema.validate(schema.empty(table), table)
    assert out.empty and list(out.columns) == schema.columns(table)


def test_text_columns_are_not_object_dtype():
    out = schema.validate(_posts(text=["halo", None]), "posts")
    assert out["text"].dtype != object
