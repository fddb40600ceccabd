"""Moderation queue, critic or attacker, reply bank (issue 16, items 1-3).

Planted cases (an abusive comment, a comment exposing a NIK, a SARA comment, a hoax cue, a
critic with a request, an attacker with none...) must each land in the right class and
queue; the samples must agree with their generator's intents; the escalation xlsx must
carry a suggested reply for every waiting item and hold no formula.
"""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit import ParameterError
from humaskit import evaluation as ev
from humaskit.files.safe import unsafe_cells

NIK = "3276361311515659"
PHONE = "0812-3456-7890"
SECRET = "sari_rahasia21"

PLANTED = {
    # key: (kind, text, category in the queue (None: not queued), action, attention)
    "abusive": ("comment", "Admin goblok! Dasar tolol semua!", "abuse", "hide", "abuse"),
    "rude_question": (
        "comment",
        "Admin goblok, kapan jalan di Gang Mawar ditambal?",
        "abuse",
        "answer",
        "criticism",
    ),
    "attacker": (
        "comment",
        "Pemkot isinya cuma pencitraan. Dasar tukang bohong!",
        "abuse",
        "hide",
        "abuse",
    ),
    "nik": (
        "comment",
        f"NIK saya {NIK} belum terdaftar bansos, tolong dicek min",
        "personal_data",
        "remind",
        "criticism",
    ),
    "phone_dm": ("dm", f"WA saya {PHONE}, KTP saya belum jadi", None, None, "criticism"),
    "sara": ("comment", "Dasar cina babi, usir saja dari kota ini!", "sara", "report", "abuse"),
    "hoax": (
        "mention",
        "@pemkot Sebarkan sebelum dihapus!! Bansos bulan ini dipotong 50% oleh oknum Dinsos",
        "hoax",
        "answer",
        None,
    ),
    "critic": (
        "comment",
        "Sudah 3 minggu lampu jalan di Gang Melati mati, tolong segera diperbaiki!",
        None,
        None,
        "criticism",
    ),
    "rude_critic": (
        "comment",
        "Dinas PU tidak becus! Jalan rusak dibiarkan berbulan-bulan.",
        "abuse",
        "answer",
        "criticism",
    ),
    "question": ("comment", "Syarat bikin KTP apa saja?", None, None, "request"),
    "radical": (
        "comment",
        "Bunuh semua aparat thogut, tegakkan khilafah dengan jihad!",
        "radicalism",
        "report",
        None,
    ),
    "porn": ("reply", "Open BO murah, VCS sange, DM ya", "pornography", "hide", None),
    "praise": ("comment", "Mantap, pelayanannya cepat!", None, None, None),
}


@pytest.fixture(scope="module")
def planted():
    keys = list(PLANTED)
    m = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "pemkot",
            "mention_id": [f"m{i}" for i in range(len(keys))],
            "kind": [PLANTED[k][0] for k in keys],
            "created_at": pd.date_range("2025-09-01 01:00", periods=len(keys), freq="h", tz="UTC"),
            "author": [SECRET] + [f"warga_{i}" for i in range(1, len(keys))],
            "author_type": "citizen",
            "text": [PLANTED[k][1] for k in keys],
            "to_author": ["pemkot"] * len(keys),
        },
        index=keys,
    )
    return m


@pytest.fixture(scope="module")
def queue(planted):
    return ev.moderation_queue(planted).set_index("mention_id")


def test_each_planted_case_lands_in_its_queue_with_its_action(planted, queue):
    for key, (_, _, category, action, _) in PLANTED.items():
        mid = planted.loc[key, "mention_id"]
        if category is None:
            assert mid not in queue.index, key
            continue
        assert mid in queue.index, key
        assert queue.loc[mid, "category"] == category, key
        if action is not None:
            assert queue.loc[mid, "action"] == action, key


def test_each_planted_case_lands_in_its_class(planted):
    c = ev.critic_or_attacker(planted)
    for key, (_, _, _, _, attention) in PLANTED.items():
        got = c.loc[key, "attention"]
        if attention is None and key in ("praise",):
            assert pd.isna(got), key
        elif attention is not None:
            assert got == attention, key


def test_the_queue_is_share_safe_and_says_who_acts(planted, queue):
    text = " ".join(queue["text"]) + " ".join(queue["author"])
    assert NIK not in text and SECRET not in text
    assert all(a.startswith("warga-") for a in queue["author"])
    hoax = queue.loc[planted.loc["hoax", "mention_id"]]
    assert hoax["unit"] == "Dinas Sosial"
    assert "sumber resmi" in hoax["suggested_reply"]
    nik = queue.loc[planted.loc["nik", "mention_id"]]
    assert "pesan langsung" in nik["suggested_reply"] and "NIK" in nik["matched"]
    # do not engage: no reply suggested to an attacker, a hate message or a report
    for key in ("attacker", "sara", "radical"):
        assert queue.loc[planted.loc[key, "mention_id"], "suggested_reply"] == ""
    assert list(queue["category"]) == sorted(queue["category"], key=ev.MODERATION_CATEGORIES.index)


def test_the_institution_own_comments_are_never_queued(planted):
    own = planted.iloc[:1].assign(author="pemkot", author_type="institution", mention_id="own")
    q = ev.moderation_queue(pd.concat([planted, own]))
    assert "own" not in set(q["mention_id"])


def test_attention_summary_counts_and_advises(planted):
    s = ev.attention_summary(ev.critic_or_attacker(planted), lang="id").set_index("attention")
    assert list(s.index) == list(ev.ATTENTION_CLASSES)
    assert int(s.loc["request", "mentions"]) == 1
    assert "data" in s.loc["request", "advice"].lower()
    assert "teruskan" in s.loc["criticism", "advice"]
    assert "Jangan ditanggapi" in s.loc["abuse", "advice"]
    assert s.attrs["total"] == int(s["mentions"].sum())


def test_the_same_abuse_from_many_accounts_is_coordinated():
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "kind": "mention",
            "created_at": pd.Timestamp("2025-09-01", tz="UTC"),
            "author": ["a1", "a2", "a3", "a4"],
            "text": ["@pemkot Dasar tukang bohong! 😡", "Dasar tukang bohong!!",
                     "dasar tukang bohong", "Dasar pejabat bodoh."],
        }
    )  # fmt: skip
    c = ev.critic_or_attacker(m)
    assert c["same_text_authors"].tolist() == [3, 3, 3, 1]
    s = ev.attention_summary(c).set_index("attention")
    assert int(s.loc["abuse", "mentions"]) == 4 and int(s.loc["abuse", "coordinated"]) == 3


# ------------------------------------------------------------------------------ samples


def test_on_the_samples_classes_agree_with_the_generator(ws):
    c = ev.critic_or_attacker(ws, period="2025-09")
    att = c["attention"]
    by = c.groupby("intent")["attention"]
    assert (att[c["intent"] == "question"] == "request").mean() >= 0.9
    abusive = att[c["intent"] == "abusive"]
    assert abusive.isin(["abuse", "criticism"]).mean() >= 0.95
    assert (abusive == "abuse").mean() >= 0.8
    assert (att[c["intent"] == "complaint"] == "criticism").mean() >= 0.7
    for intent in ("praise", "chatter", "reply"):
        assert by.get_group(intent).isna().all(), intent


def test_on_the_samples_the_queue_holds_the_hoaxes_abuse_and_exposed_data(ws):
    q = ev.moderation_queue(ws, period="2025-09")
    m = ws.mentions.set_index("mention_id")
    intent = m.loc[q["mention_id"], "intent"].to_numpy()
    hoax = q[intent == "hoax"]
    assert len(hoax) and (hoax["category"] == "hoax").all() and (hoax["action"] == "answer").all()
    public = ws.mentions[
        ws.mentions["kind"].isin(["comment", "reply", "mention"])
        & ev.window("2025-09").mask(ws.mentions["created_at"])
    ]
    queued = set(q["mention_id"])
    assert public[public["intent"] == "hoax"]["mention_id"].isin(queued).all()
    assert public[public["intent"] == "abusive"]["mention_id"].isin(queued).mean() >= 0.95
    exposed = q[q["category"] == "personal_data"]
    assert len(exposed) and (exposed["action"] == "remind").all()
    assert not exposed["text"].str.contains(r"\d{10,}").any()
    assert (
        not q["mention_id"].isin(ws.mentions.loc[ws.mentions["kind"] == "dm", "mention_id"]).any()
    )
    s = ev.moderation_summary(q)
    assert list(s["category"]) == list(ev.MODERATION_CATEGORIES)
    assert int(s["items"].sum()) == len(q)


# ----------------------------------------------------------------------------- replies


def test_the_reply_bank_covers_every_routing_topic_and_stays_short():
    bank = ev.reply_bank()
    topics = set(ev.routing_table()["topic"]) - {"umum"}
    for intent in ("complaint", "question"):
        have = set(bank.loc[bank["intent"] == intent, "topic"])
        assert topics <= have, topics - have
    filled = ev.suggest_replies(
        bank.rename(columns={"topic": "route_topic"}).assign(unit="Dinas Pekerjaan Umum")
    )
    assert filled["suggested_reply"].str.len().max() <= 280
    assert not filled["suggested_reply"].str.contains(r"[{}]").any()


def test_a_teams_bank_and_contacts_are_used_and_checked():
    items = pd.DataFrame(
        {"route_topic": ["sampah", "pasar"], "request": ["complaint", "question"],
         "unit": ["Dinas Lingkungan Hidup", "Dinas Perdagangan"]}
    )  # fmt: skip
    bank = pd.DataFrame(
        {"topic": ["sampah", "*"], "intent": ["complaint", "*"],
         "reply": ["Maaf Kak, {unit} segera mengangkutnya. Lapor: {link} / {hotline}",
                   "Terima kasih Kak, info di {link}"]}
    )  # fmt: skip
    contacts = pd.DataFrame(
        {"unit": ["Dinas Lingkungan Hidup"], "link": ["https://dlh.example.go.id"],
         "hotline": ["0800-1"]}
    )  # fmt: skip
    r = ev.suggest_replies(items, bank=bank, contacts=contacts)["suggested_reply"].tolist()
    assert r[0] == (
        "Maaf Kak, Dinas Lingkungan Hidup segera mengangkutnya. "
        "Lapor: https://dlh.example.go.id / 0800-1"
    )
    assert r[1] == "Terima kasih Kak, info di https://www.lapor.go.id"
    with pytest.raises(ParameterError, match="nama"):
        ev.reply_bank(pd.DataFrame({"topic": ["*"], "intent": ["*"], "reply": ["Hai {nama}"]}))
    with pytest.raises(ParameterError, match="keluhan"):
        ev.reply_bank(pd.DataFrame({"topic": ["*"], "intent": ["keluhan"], "reply": ["Hai"]}))
    with pytest.raises(ParameterError, match="reply"):
        ev.reply_bank(pd.DataFrame({"topic": ["*"], "intent": ["*"]}))


def test_responders_split_own_unit_and_other_accounts():
    ts = pd.Timestamp("2025-09-01 01:00", tz="UTC")
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": ["pemkot", "dpu", "dpu"],
            "kind": "mention",
            "created_at": ts,
            "author": ["w1", "w2", "w3"],
            "author_type": "citizen",
            "text": ["Jalan rusak parah", "Jalan berlubang dekat pasar", "Jalan rusak lagi"],
            "responded_at": ts + pd.Timedelta(hours=2),
            "responder": ["pemkot", "dpu", "dpu"],
        }
    )
    acc = pd.DataFrame(
        {"platform": "x", "handle": ["pemkot", "dpu"],
         "unit": ["Dinas Komunikasi dan Informatika", "Dinas Pekerjaan Umum"]}
    )  # fmt: skip
    r = ev.responders(m, accounts=acc).set_index("unit")
    row = r.loc["Dinas Pekerjaan Umum"]
    assert (int(row["answered"]), int(row["by_own_unit"]), int(row["by_other"])) == (3, 2, 1)
    assert row["top_responder"] == "dpu"


def test_reply_quality_reads_the_institutions_replies_where_they_exist(ws):
    ts = pd.Timestamp("2025-09-01 01:00", tz="UTC")
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "dpu",
            "mention_id": ["1", "2", "3", "4"],
            "kind": ["mention", "reply", "reply", "reply"],
            "created_at": ts,
            "author": ["w1", "dpu", "dpu", "w2"],
            "in_reply_to": [None, "1", "1", "1"],
            "text": ["Jalan rusak?", "Sudah kami teruskan ke petugas, silakan kirim lokasi",
                     "Baik", "Silakan cek di https://x.example"],
        }
    )  # fmt: skip
    r = ev.reply_quality(m).set_index("responder")
    assert r.attrs["replies"] == 2  # the citizen's reply is not the institution's
    assert int(r.loc["dpu", "with_next_step"]) == 1 and int(r.loc["dpu", "bare"]) == 1
    assert float(r.loc["dpu", "with_either_share"]) == 0.5
    # the samples hold only the citizens' side: nothing to judge, said so
    assert ev.reply_quality(ws).attrs["replies"] == 0


# --------------------------------------------------------------------------------- files


def test_the_escalation_xlsx_has_a_reply_for_every_waiting_item_and_no_formula(ws, tmp_path):
    from openpyxl import load_workbook

    from humaskit.files import escalation

    late = ev.overdue(ws, period="2025-09")
    assert len(late)
    planted = pd.DataFrame(
        {
            "platform": "facebook",
            "account": "pemkotsukamaju",
            "mention_id": ["f1"],
            "kind": "comment",
            "created_at": pd.Timestamp("2025-09-03", tz="UTC"),
            "author": SECRET,
            "author_type": "citizen",
            "text": ['=HYPERLINK("http://x.example") Dasar tukang bohong!'],
        }
    )
    mod = ev.moderation_queue(pd.concat([ws.mentions, planted], ignore_index=True),
                              period="2025-09", accounts=ws.accounts)  # fmt: skip
    path = escalation.write_escalation(late, tmp_path / "e.xlsx", moderation=mod)
    wb = load_workbook(path)
    assert not any(
        c.data_type == "f" for sheet in wb.worksheets for row in sheet.iter_rows() for c in row
    )
    assert "Moderasi" in wb.sheetnames
    sheet = wb["Semua terlambat"]
    header = [c.value for c in sheet[1]]
    col = header.index("Saran jawaban")
    replies = [row[col].value for row in sheet.iter_rows(min_row=2)]
    assert len(replies) == len(late) and all(isinstance(r, str) and len(r) > 20 for r in replies)
    expected = ev.suggest_replies(late.head(1))["suggested_reply"].iloc[0]
    assert replies[0] == expected
    cells = [
        c.value
        for s in wb.worksheets
        for row in s.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert SECRET not in " ".join(cells)
    assert unsafe_cells(path) == []  # kept as text, quote prefix


def test_write_moderation_writes_the_queue_and_its_counts(planted, tmp_path):
    from openpyxl import load_workbook

    from humaskit.files import escalation

    q = ev.moderation_queue(planted)
    path = escalation.write_moderation(
        q, tmp_path / "m.xlsx", summary=ev.moderation_summary(q), lang="en"
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["Rule", "Moderation summary", "Moderation"]
    values = [c.value for row in wb["Moderation"].iter_rows(min_row=2) for c in row]
    assert "SARA (hate on religion, ethnicity, group)" in values and "hide and report" in values
    assert not any(c.data_type == "f" for s in wb.worksheets for r in s.iter_rows() for c in r)


def test_for_display_translates_moderation_codes_but_not_a_posts_category():
    from humaskit.report.evaluation import for_display

    q = pd.DataFrame({"category": ["hoax"], "action": ["answer"], "attention": ["abuse"]})
    out = for_display(q, lang="id")
    assert out.values.tolist() == [
        ["Indikasi hoaks", "jawab dengan fakta dan sumber", "serangan tanpa permintaan"]
    ]
    posts = pd.DataFrame({"category": ["hoax"], "reach": [1]})
    assert for_display(posts, lang="id")["category"].tolist() == ["hoax"]


def test_read_reply_bank_and_contacts_files(tmp_path):
    from humaskit.files import escalation

    p = tmp_path / "bank.csv"
    p.write_text(
        'topik,jenis,jawaban\nsampah,complaint,"Maaf Kak, {unit} segera datang."\n',
        encoding="utf-8",
    )
    assert escalation.read_reply_bank(p).values.tolist() == [
        ["sampah", "complaint", "Maaf Kak, {unit} segera datang."]
    ]
    semi = tmp_path / "kontak.csv"
    semi.write_text(
        "# kontak kami\nunit;tautan;nomor layanan\nDLH;https://dlh.example.go.id/#lapor;0800-1\n",
        encoding="utf-8",
    )
    row = escalation.read_contacts(semi).set_index("unit").loc["DLH"]
    assert (row["link"], row["hotline"]) == ("https://dlh.example.go.id/#lapor", "0800-1")
    bad = tmp_path / "bad.csv"
    bad.write_text("topik,jenis,jawaban\n*,*,Hai {warga}\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="warga"):
        escalation.read_reply_bank(bad)


# ------------------------------------------------------------------------------ teaching


def test_the_critic_or_attacker_exercise_gives_instant_feedback():
    from humaskit import teaching

    right = {"A": "permintaan", "B": "kritik", "C": "serangan", "D": "kritik"}
    assert teaching.check_attention(right).correct
    assert teaching.check_attention({k.lower(): v.upper() for k, v in right.items()}).correct
    wrong = teaching.check_attention({**right, "D": "serangan"})
    assert not wrong.correct and "kasar" in wrong.message
    assert not teaching.check_attention({**right, "A": None}).correct
    for odd in (None, "kritik", 3, {}):
        fb = teaching.check_attention(odd)  # feedback, never an exception
        assert not fb.correct and fb.message
    assert list(teaching.attention_examples()["letter"]) == ["A", "B", "C", "D"]
