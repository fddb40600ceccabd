-- The public's mentions created in [{start}, {end}) (columns {columns}), oldest first, at
-- most {cap} rows (the first ones by time): what a step reads of one day or a few days.
SELECT {columns}
FROM mentions
WHERE created_at >= {start} AND created_at < {end}
    AND COALESCE(author_type, 'citizen') <> 'institution'
ORDER BY created_at, mention_id
LIMIT {cap}
