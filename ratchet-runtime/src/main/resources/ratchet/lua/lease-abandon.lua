-- Gives a lease up without an answer: it expires now and the session is due for the reaper at once, so another
-- instance takes the work over without waiting for the lease to run out.
-- KEYS[1] the session's work hash, KEYS[2] the deadlines ZSET
-- ARGV[1] field, ARGV[2] owner, ARGV[3] session id
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 0
end
local bar = string.find(current, '|', 1, true)
if string.sub(current, 1, bar - 1) ~= ARGV[2] then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. now)
redis.call('ZADD', KEYS[2], now, ARGV[3])
return 1
