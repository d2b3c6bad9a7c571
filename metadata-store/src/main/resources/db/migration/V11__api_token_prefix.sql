-- The first characters of each token, so that `optaic token list` can tell a principal's tokens apart without
-- the secret (the store keeps only its hash). NULL for tokens issued before this column.
ALTER TABLE api_tokens ADD COLUMN prefix text CHECK (length(prefix) <= 16);
