-- GET a mix of paths, each request picking one at random with the weights given.
-- Environment: LOAD_PATHS = "weight path;weight path;..." (e.g. "3 /;1 /nations/DNK"); LOAD_TOKEN, if set, is
-- sent as a bearer token (an analyst's: the reader sees every record); LOAD_PACE_MS, if set, makes each
-- connection a user who waits before each request a random time between half and one and a half times that
-- (wrk's delay() hook; latency is measured from the request's sending, without the wait).
package.path = package.path .. ";" .. os.getenv("LOAD_LUA_DIR") .. "/?.lua"
local report = require("report")
local requests = {}

function init(args)
   math.randomseed(os.time() + math.floor(os.clock() * 1e6))
   local token = os.getenv("LOAD_TOKEN")
   local headers = token and { ["Authorization"] = "Bearer " .. token } or {}
   for weight, path in string.gmatch(os.getenv("LOAD_PATHS"), "(%d+) ([^;]+)") do
      for _ = 1, tonumber(weight) do
         table.insert(requests, wrk.format("GET", path, headers))
      end
   end
end

local pace = tonumber(os.getenv("LOAD_PACE_MS") or "")
if pace then
   function delay()
      return math.random(math.floor(pace / 2), math.floor(pace * 3 / 2))
   end
end

function request()
   return requests[math.random(#requests)]
end

function done(summary, latency, requests)
   report.json(summary, latency)
end
