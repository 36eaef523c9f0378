-- POST one pledge per request to the API with a token and a unique Idempotency-Key, carried in the note too.
-- Each thread writes the keys of the entries the server said it recorded (201) to LOAD_KEYS_DIR/<thread>.keys,
-- so load.py can check them against the ledger: none lost, none twice.
-- Environment: LOAD_TOKEN, LOAD_RUN (a tag unique to the run), LOAD_KEYS_DIR, LOAD_LUA_DIR.
package.path = package.path .. ";" .. os.getenv("LOAD_LUA_DIR") .. "/?.lua"
local report = require("report")
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   counter = 0
   created = 0
   keys = io.open(os.getenv("LOAD_KEYS_DIR") .. "/" .. id .. ".keys", "w")
   headers = {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. os.getenv("LOAD_TOKEN"),
   }
end

function request()
   counter = counter + 1
   local key = string.format("load-%s-%d-%d", os.getenv("LOAD_RUN"), id, counter)
   headers["Idempotency-Key"] = key
   local body = string.format(
      '{"kind": "pledge", "donor": "DNK", "amount": "%d.50", "currency": "EUR", "date": "2025-03-01", ' ..
      '"source": "benchmarks/load.py", "note": "%s"}', 1000 + counter, key)
   return wrk.format("POST", "/api/v1/ledger", headers, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
      keys:write((string.match(body, '"note": ?"(load%-[^"]+)"') or "?"), "\n")
      keys:flush()
   end
end

function done(summary, latency, requests)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("created")
   end
   report.json(summary, latency, string.format(', "created": %d', total))
end
