"""humaskit.text.screen: the check before publication."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import ParameterError, set_language

BAD_VALUES = [None, np.nan, pd.NA, "", "   ", 12345, 3.5, b"bytes \xff", "\ud800", "x\udfff y"]


def flags(text, **kw):
    row = ht.screen([text], **kw).iloc[0]
    return {c for c in ht.CATEGORIES if row[c]}


def test_columns_and_alignment():
    s = pd.Series(["Selamat Hari Kartini", "dasar goblok"], index=[7, 9])
    out = ht.screen(s)
    assert list(out.columns) == [*ht.CATEGORIES, "matched", "needs_review", "reasons"]
    assert list(out.index) == [7, 9]
    assert out["needs_review"].tolist() == [False, True]
    assert out.loc[7, "matched"] == "" and out.loc[7, "reasons"] == ""
    for col in ht.CATEGORIES:
        assert out[col].dtype == bool


CLEAN = [
    "Selamat Hari Kartini! Mari teruskan semangat emansipasi perempuan Indonesia.",
    "Pendaftaran vaksinasi rabies gratis untuk anjing dan kucing peliharaan di puskeswan.",
    "Jadwal pengangkutan sampah di Kecamatan Sukamaju berubah mulai Senin.",
    "Waspada penipuan! Petugas tidak pernah meminta kode OTP atau transfer uang.",
    "Umat Islam, Kristen, Hindu dan Buddha bergotong royong membersihkan lingkungan.",
    "Kunjungi kantor kami di Jl. Merdeka, layanan buka pukul 08.00 WIB.",
    "Info lengkap hubungi humas@sukamajukota.go.id atau (021) 555 1234.",
    "Dinas Peternakan memeriksa kesehatan hewan kurban: sapi, kambing dan kerbau.",
    "Rahasia sukses UMKM naik kelas: ikuti pelatihan gratis bulan ini.",
    "Warga Papua, Jawa dan Bugis hidup rukun di kota kita.",
    "Warga Bali ikut kerja bakti, buang sampah pada tempatnya.",
    "Dinas Pertanian membasmi hama tikus di sawah petani Jawa Barat.",
    "Jangan menghina agama dan suku lain, mari jaga persatuan.",
    "Hari Santri: ulama dan santri berjuang melawan penjajah.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_government_posts_are_not_flagged(text):
    assert flags(text) == set()


@pytest.mark.parametrize(
    "text, category",
    [
        ("dasar goblok lu", "abusive"),
        ("4nj1ng kalian semua", "abusive"),
        ("b@ngsat!!", "abusive"),
        ("kalian tolol-tolol", "abusive"),
        ("anjingnya pejabat", "abusive"),
        ("link bokep gratis", "pornography"),
        ("open bo hubungi dm", "pornography"),
        ("tegakkan khilafah, thogut harus diperangi", "radicalism"),
        ("SEBARKAN SEBELUM DIHAPUS!!", "hoax"),
        ("sebarin sblm dihapus ya", "hoax"),
        ("info A1 dari orang dalam kementerian", "hoax"),
        ("viralkan!", "hoax"),
        ("Lampiran nota dinas internal untuk rapat", "exempt_info"),
        ("Dokumen ini SANGAT RAHASIA", "exempt_info"),
        ("hasil penyidikan dan identitas saksi sudah lengkap", "exempt_info"),
    ],
)
def test_categories(text, category):
    assert category in flags(text)


def test_ambiguous_words_are_cleared_by_context():
    assert "abusive" in flags("dasar anjing")
    assert "abusive" not in flags("vaksinasi rabies untuk anjing")
    assert "abusive" in flags("babi kau")
    assert "abusive" not in flags("waspada demam babi afrika pada ternak")


def test_sara_needs_a_group_term_with_an_insult():
    assert flags("Umat Kristen merayakan Natal dengan damai") == set()
    assert "sara_religion" in flags("umat kristen itu sesat, usir saja")
    assert "sara_ethnicity" in flags("dasar cina babi")
    assert "sara_ethnicity" not in flags("warga tionghoa merayakan imlek")
    assert "intergroup" in flags("dasar cebong")  # a slur flags on its own
    assert "sara_religion" in flags("kafir!")
    row = ht.screen(["orang batak memang bodoh semua"]).iloc[0]
    assert row["sara_ethnicity"]
    assert "batak" in row["matched"] and "bodoh" in row["matched"]


def sara(text):
    row = ht.screen([text]).iloc[0]
    return {c for c in ("sara_religion", "sara_ethnicity", "intergroup") if row[c]}


def test_generic_group_words_pair_only_with_a_near_insult():
    far = "Kementerian Agama membuka pendaftaran haji, tapi petugas loketnya goblok"
    assert "abusive" in flags(far) and sara(far) == set()
    assert "sara_religion" in sara("agama goblok")
    # a violence or dehumanising term reaches the whole text
    assert "sara_ethnicity" in sara("orang madura di kampung itu, semuanya harus diusir")


def test_sara_reads_affixed_and_run_together_words():
    assert "sara_ethnicity" in sara("pengusiran orang madura harus dilanjutkan")
    assert "sara_ethnicity" in sara("mereka membiadabkan warga tionghoa")
    assert "sara_ethnicity" in sara("#UsirCina") and "sara_ethnicity" in sara("#usircina")
    assert sara("#jawabanmu mana") == set()  # not jawa + banmu


def test_sara_negation_and_place_names():
    assert "sara_religion" in sara("menghina umat hindu itu biasa")
    assert sara("jangan menghina umat hindu") == set()
    assert sara("stop benci suku lain") == set()
    row = ht.screen(["Gubernur Jawa Barat goblok"]).iloc[0]
    assert row["abusive"] and not row["sara_ethnicity"]
    assert "sara_ethnicity" in sara("orang jawa goblok")


def test_sara_list_syntax_in_extra():
    text = "kaum zorg itu goblok semua, tapi zorg juga pintar"
    assert sara(text) == {"intergroup"}  # "kaum" is a group term of its own
    assert "sara_ethnicity" in sara_extra(text, {"sara_ethnicity": ["zorg"]})
    far = "warga zorg tinggal di sini sejak lama dan ternyata goblok"
    assert "sara_ethnicity" in sara_extra(far, {"sara_ethnicity": ["zorg"]})
    assert "sara_ethnicity" not in sara_extra(far, {"sara_ethnicity": ["zorg ^"]})
    assert "sara_ethnicity" not in sara_extra(
        "Provinsi Zorg Raya goblok", {"sara_ethnicity": ["zorg"], "place": ["zorg raya"]}
    )


def sara_extra(text, extra):
    row = ht.screen([text], extra=extra).iloc[0]
    return {c for c in ("sara_religion", "sara_ethnicity", "intergroup") if row[c]}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("NIK saya 3201234501900001 tolong dicek", "NIK"),
        ("no ktp 3201 2345 0190 0001", "NIK"),
        ("WA 0812-3456-7890 ya", "nomor HP"),
        ("hubungi +62 812 3456 7890", "nomor HP"),
        ("kirim ke budi.santoso88@gmail.com", "e-mail pribadi"),
        ("transfer ke rek BRI 1234 5678 9012 345 a.n. Budi", "nomor rekening"),
        ("norek 1234567890", "nomor rekening"),
        ("mobil B 1234 XYZ parkir sembarangan", "pelat nomor kendaraan"),
        ("rumahnya di Jl. Melati Indah No. 12 Sukamaju", "alamat lengkap"),
        ("alamat RT 03/RW 05 Kel. Sukajadi", "alamat lengkap"),
    ],
)
def test_personal_data(text, kind):
    row = ht.screen([text], lang="id").iloc[0]
    assert row["personal_data"] and row["needs_review"]
    assert f"[{kind}" in row["matched"]


def test_personal_data_value_is_never_repeated():
    row = ht.screen(["NIK 3201234501900001 HP 081234567890"]).iloc[0]
    assert "3201234501900001" not in row["matched"] + row["reasons"]
    assert "081234567890" not in row["matched"] + row["reasons"]


@pytest.mark.parametrize(
    "text",
    [
        "Tahun anggaran 2025 sebesar 1234567890 rupiah",  # digits without a bank cue
        "hubungi kantor di (021) 5551234",  # office landline
        "email resmi pengaduan@sukamajukota.go.id",  # government address
        "Peserta nomor 12 dan 13 lolos seleksi",
    ],
)
def test_not_personal_data(text):
    assert "personal_data" not in flags(text)


def test_reasons_in_both_languages():
    text = ["dasar goblok, WA 081234567890"]
    id_reason = ht.screen(text, lang="id").loc[0, "reasons"]
    en_reason = ht.screen(text, lang="en").loc[0, "reasons"]
    assert id_reason.startswith("Perlu ditinjau:") and "kata kasar (goblok)" in id_reason
    assert en_reason.startswith("Needs review:") and "abusive words (goblok)" in en_reason
    set_language("en")
    assert ht.screen(text).loc[0, "reasons"] == en_reason


def test_bad_input_gives_rows_without_flags():
    values = [*BAD_VALUES, "kata " * 20000, "你好 مرحبا Привет 🙂"]
    out = ht.screen(pd.Series(values, dtype=object))
    assert len(out) == len(values)
    assert not out["needs_review"].any()
    assert (out["reasons"] == "").all()


def test_extra_terms():
    assert flags("dasar kampungan sekali") == {"abusive"}
    assert flags("ini kata terlarang") == set()
    assert "abusive" in flags("ini kata terlarang", extra={"abusive": ["terlarang"]})
    assert "hoax" in flags("kabar dari langit", extra={"hoax": ["kabar dari langit"]})
    assert "exempt_info" in flags("dokumen FINAL", extra={"exempt_info": ["=FINAL"]})
    with pytest.raises(ParameterError):
        ht.screen(["x"], extra={"unknown": ["y"]})
    with pytest.raises(ParameterError):
        ht.screen(["x"], extra=["y"])


def test_many_texts_match_one_by_one():
    rng = np.random.default_rng(5)
    parts = ["dasar goblok", "jalan rusak", "WA 081234567890", "viralkan", "umat islam", "sesat"]
    texts = [" ".join(rng.choice(parts, 3)) for _ in range(40)]
    together = ht.screen(texts)
    alone = pd.concat([ht.screen([x]) for x in texts], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone)
