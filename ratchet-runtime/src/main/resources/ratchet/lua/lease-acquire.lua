-- Takes the lease on one piece of work, unless another owner holds it unexpired.
-- KEYS[1] the session hash, KEYS[2] the session's work hash, KEYS[3] the deadlines ZSET
-- ARGV[1] field, ARGV[2] owner, ARGV[3] ttl ms, ARGV[4] session id, ARGV[5] grace ms
-- Returns {1, ttl} when taken, {0, holder, ms left} when held by another, {-1} when the session does not exist
-- or a person cancelled it (its work is over: a request delivered late must not start).
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'status') == 'CANCELLED' then
  return {-1}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current then
  local bar = string.find(current, '|', 1, true)
  local holder = string.sub(current, 1, bar - 1)
  local expiry = tonumber(string.sub(current, bar + 1))
  if holder ~= ARGV[2] and expiry > now then
    return {0, holder, expiry - now}
  end
end
local expiry = now + tonumber(ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. expiry)
redis.call('ZADD', KEYS[3], expiry + tonumber(ARGV[5]), ARGV[4])
return {1, tonumber(ARGV[3])}
