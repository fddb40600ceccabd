-- The posts whose post_id is in view wanted (a few ids): what explains a peak day.
SELECT posts.platform, posts.account, posts.post_id, posts.text
FROM posts
JOIN wanted ON posts.post_id = wanted.post_id
