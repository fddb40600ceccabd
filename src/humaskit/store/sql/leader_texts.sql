-- A bounded, repeatable sample of the mentions created in [{start}, {end}) (the {cap}
-- smallest mention ids) for the community terms of the opinion-leader table.
SELECT platform, author, text
FROM mentions
WHERE created_at >= {start} AND created_at < {end}
ORDER BY mention_id
LIMIT {cap}
