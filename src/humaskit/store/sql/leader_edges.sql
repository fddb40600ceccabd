-- The weighted arrows of the mention network of the mentions created in [{start}, {end})
-- (humaskit.influencers.network: author -> to_author, else -> the author of the mention
-- replied to, and -> every handle in `mentioned`; one row counts once per target; rows
-- without an author, self-loops and the institution's handles (view inst) left out).
WITH m AS (
    SELECT
        mention_id,
        platform,
        in_reply_to,
        mentioned,
        NULLIF(lower(regexp_replace(regexp_replace(author, '^{ws}*@*{ws}*', ''), '{ws}+$', '')), '')
            AS src,
        NULLIF(lower(regexp_replace(regexp_replace(to_author, '^{ws}*@*{ws}*', ''), '{ws}+$', '')), '')
            AS ta
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
),
named AS (
    SELECT mention_id, platform, src, lower(regexp_replace(regexp_replace(h, '^@+', ''),
        '[.:!?]+$', '')) AS tgt
    FROM ({split_mentioned}) s
),
t AS (
    SELECT mention_id, platform, src, ta AS tgt FROM m WHERE ta IS NOT NULL
    UNION
    SELECT m.mention_id, m.platform, m.src, r.src AS tgt
    FROM m JOIN m r ON m.in_reply_to = r.mention_id
    WHERE m.ta IS NULL AND m.in_reply_to IS NOT NULL
    UNION
    SELECT mention_id, platform, src, tgt FROM named WHERE tgt <> ''
)
SELECT platform, src AS source, tgt AS target, COUNT(*) AS weight
FROM t
WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
    AND src NOT IN (SELECT handle FROM inst) AND tgt NOT IN (SELECT handle FROM inst)
GROUP BY platform, src, tgt
