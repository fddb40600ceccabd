-- A bounded, repeatable sample of the mentions created in [{start}, {end}) (the {cap}
-- smallest mention ids) for the community terms of the opinion-leader table. The ids are
-- chosen first (one narrow column), then only their rows' texts are read.
WITH ids AS (
    SELECT mention_id
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
    ORDER BY mention_id
    LIMIT {cap}
)
SELECT mentions.platform, mentions.author, mentions.text
FROM mentions
JOIN ids ON mentions.mention_id = ids.mention_id
WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
ORDER BY mentions.mention_id
