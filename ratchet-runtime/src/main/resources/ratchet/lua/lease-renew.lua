-- Extends a lease its owner still holds (even one that expired while nobody took it over).
-- KEYS[1] the session's work hash, KEYS[2] the deadlines ZSET
-- ARGV[1] field, ARGV[2] owner, ARGV[3] ttl ms, ARGV[4] session id, ARGV[5] grace ms
-- Returns 1 when extended, 0 when the lease is gone or another owner has it.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 0
end
local bar = string.find(current, '|', 1, true)
if string.sub(current, 1, bar - 1) ~= ARGV[2] then
  return 0
end
local t = redis.call('TIME')
local expiry = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. expiry)
-- LT: a renewal never moves the session's deadline later. Otherwise, with several leases (best-of-N variants),
-- the live owners' renewals would keep pushing it past a dead owner's expiry, and the reaper would not look until
-- every variant ended. The reaper moves it on after each look (to the first held lease's expiry plus the grace).
redis.call('ZADD', KEYS[2], 'LT', expiry + tonumber(ARGV[5]), ARGV[4])
return 1
