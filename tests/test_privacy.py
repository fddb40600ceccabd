import pandas as pd
import pytest

from humaskit import ParameterError, privacy


def test_pseudonyms_are_stable_per_salt_and_ignore_case_and_at_sign():
    a = privacy.pseudonymize(["@Budi_88", "budi_88", " BUDI_88 "], salt="kunci-1")
    assert a.nunique() == 1
    assert a[0].startswith("warga-") and len(a[0]) == len("warga-") + 6
    again = privacy.pseudonymize(["budi_88"], salt="kunci-1")
    assert again[0] == a[0]
    other = privacy.pseudonymize(["budi_88"], salt="kunci-2")
    assert other[0] != a[0]


def test_pseudonyms_do_not_reveal_the_handle_and_differ_between_people():
    handles = [f"warga{i}" for i in range(500)]
    out = privacy.pseudonymize(handles, salt="s")
    assert out.nunique() == 500
    assert not any(h in tok for h, tok in zip(handles, out, strict=True))


def test_pseudonymize_keeps_index_missing_values_and_kept_handles():
    s = pd.Series(["ani", None, "detiksukamaju"], index=[10, 11, 12])
    out = privacy.pseudonymize(s, salt="s", keep=pd.Series([False, False, True], index=s.index))
    assert list(out.index) == [10, 11, 12]
    assert pd.isna(out[11])
    assert out[12] == "detiksukamaju"
    assert out[10] != "ani"
    out2 = privacy.pseudonymize(s, salt="s", keep=["@DetikSukamaju"])
    assert out2[12] == "detiksukamaju" and out2[10] == out[10]


def test_session_salt_is_used_when_salt_is_none():
    a = privacy.pseudonymize(["ani"], salt=None)
    b = privacy.pseudonymize(["ani"], salt=privacy.session_salt())
    assert a[0] == b[0]


@pytest.mark.parametrize("salt", ["", b""])
def test_empty_salt_is_refused(salt):
    with pytest.raises(ParameterError, match="salt"):
        privacy.pseudonymize(["ani"], salt=salt)


def test_single_text_instead_of_a_list_is_refused():
    with pytest.raises(ParameterError):
        privacy.pseudonymize("ani", salt="s")


def test_public_accounts_rules():
    handles = pd.Series(
        [
            "warga_budi",
            "ani",
            "pemkotsukamaju",
            "dinkes_kota",
            "detiksukamaju",
            "kompascom",
            "tokoh1",
            "suarahati",
            None,
        ]
    )
    types = pd.Series(
        ["citizen", "citizen", None, None, None, None, "public_figure", "citizen", None]
    )
    out = privacy.is_public_account(
        handles, author_types=types, register=["@Ani"], institution_accounts=["pemkotsukamaju"]
    )
    # named: registered (ani), own account, shipped list (kompascom), public type (tokoh1);
    # a handle that only looks official or like media (dinkes_kota, detiksukamaju) is not
    assert out.tolist() == [False, True, True, False, False, True, True, False, False]


def test_public_account_patterns_can_be_replaced_or_switched_off():
    out = privacy.is_public_account(["radio_sukamaju", "warga1"], patterns=False)
    assert not out.any()
    out = privacy.is_public_account(["radio_sukamaju", "warga1"], patterns=[r"warga\d"])
    assert out.tolist() == [False, True]
    with pytest.raises(ParameterError, match="pattern|Pola"):
        privacy.is_public_account(["a"], patterns=["(unclosed"])


def test_institution_accounts_from_an_accounts_table():
    acc = pd.DataFrame({"handle": ["@SukamajuKota"], "platform": ["x"]})
    assert privacy.is_public_account(["sukamajukota"], institution_accounts=acc).all()


@pytest.mark.parametrize(
    "text,masked",
    [
        ("WA 0812-3456-7890 ya", "WA [telepon] ya"),
        ("hub +62 812 3456 7890", "hub [telepon]"),
        ("telp 6281234567890", "telp [telepon]"),
        ("telp rumah (021) 555-1234", "telp rumah [telepon]"),
        ("kantor (021) 555-1234", "kantor (021) 555-1234"),  # an office number is public
        ("NIK saya 3201123456780001", "NIK saya [NIK]"),
        ("kirim ke budi.s@mail.co.id", "kirim ke [email]"),
        ("no rek BCA 123 456 7890", "no rek BCA [nomor rekening]"),
    ],
)
def test_mask_personal_data(text, masked):
    assert privacy.mask_personal_data([text])[0] == masked


def test_mask_leaves_ordinary_numbers_and_missing_texts_alone():
    texts = pd.Series(
        ["tahun 2025 ada 12 kecamatan", "tgl 17-08-2025 jam 09.00", "harga Rp 150.000", None]
    )
    out = privacy.mask_personal_data(texts)
    assert out[:3].tolist() == texts[:3].tolist()
    assert pd.isna(out[3])


def test_mask_words_follow_the_language():
    assert privacy.mask_personal_data(["0812 3456 7890"], lang="en")[0] == "[phone]"


def test_mask_handles_replaces_private_handles_with_their_pseudonyms():
    texts = pd.Series(["@budi_88 bilang @pemkotsukamaju lambat, cc @Ani", None, "tanpa akun"])
    out = privacy.mask_handles(texts, salt="s", keep=["ani", "pemkotsukamaju"])
    token = privacy.pseudonymize(["budi_88"], salt="s")[0]
    assert out[0] == f"@{token} bilang @pemkotsukamaju lambat, cc @Ani"
    assert pd.isna(out[1]) and out[2] == "tanpa akun"


def test_duplicate_index_labels_are_handled_by_position():
    h = pd.Series(["ani", "detiksukamaju", "budi"], index=[0, 0, 1])
    types = pd.Series(["citizen", "media", "media"], index=[0, 0, 1])
    public = privacy.is_public_account(h, author_types=types)
    assert public.tolist() == [False, True, True]
    out = privacy.pseudonymize(h, salt="s", keep=public)
    assert out.iloc[0].startswith("warga-") and out.iloc[1:].tolist() == ["detiksukamaju", "budi"]
