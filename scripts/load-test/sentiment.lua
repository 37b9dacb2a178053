-- wrk script for scripts/load-test.sh: POSTs real tweets to /api/v1/sentiment.
--
-- Settings come from the environment, not from wrk's `-- args`, because done() runs in wrk's
-- main Lua state, which never sees the per-thread init(args):
--   LOADTEST_TWEETS  a SemEval TSV file (id<TAB>label<TAB>text), read at run time, never copied
--   LOADTEST_LIMIT   how many tweets to load (default 2000)
--   LOADTEST_BATCH   texts per request: 1 sends {"text": ...}, more sends {"texts": [...]}
--   LOADTEST_MODEL   the "model" of every request (default: none, the server's default model)
--
-- done() prints one line "RESULT<TAB>..." that load-test.sh turns into a table row.

local tweets_file = os.getenv("LOADTEST_TWEETS")
local limit = tonumber(os.getenv("LOADTEST_LIMIT") or "2000")
local batch = tonumber(os.getenv("LOADTEST_BATCH") or "1")
local model = os.getenv("LOADTEST_MODEL") or ""
local model_field = model == "" and "" or (',"model":' .. '"' .. model .. '"')

-- JSON string literal. The SemEval files hold literal escapes such as \u2019 (a backslash and
-- five characters); escaping the backslash sends them to the service exactly as they are in
-- the file, as the training data saw them. Control characters become \u00XX; UTF-8 passes as is.
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function read_tweets(path, max)
  local file = assert(io.open(path, "r"), "cannot read tweets from " .. tostring(path))
  local texts = {}
  for line in file:lines() do
    -- the text is the third column; some lines end with a stray tab
    local text = line:match("^[^\t]*\t[^\t]*\t(.-)[\t\r]*$")
    if text then
      -- like SemEvalReader: one enclosing pair of quotes is not part of the tweet
      text = text:match('^"(.*)"$') or text
      if text ~= "" then
        texts[#texts + 1] = text
        if #texts >= max then break end
      end
    end
  end
  file:close()
  assert(#texts >= batch, "fewer than " .. batch .. " tweets in " .. path)
  return texts
end

-- Main state: remember every thread so done() can add up their status counts (each wrk thread
-- has its own Lua state; thread:get copies a thread's global into the main state).
local threads = {}
function setup(thread)
  thread:set("thread_number", #threads)
  threads[#threads + 1] = thread
end

-- Thread state: build every request once, so request() costs a table lookup, not JSON work
-- that would steal CPU from the server on the shared cores.
local requests = {}
local next_request = 1
counts = {}

function init(args)
  local texts = read_tweets(tweets_file, limit)
  local headers = { ["Content-Type"] = "application/json" }
  for first = 1, #texts - batch + 1, batch do
    local body
    if batch == 1 then
      body = '{"text":' .. json_string(texts[first]) .. model_field .. '}'
    else
      local items = {}
      for i = first, first + batch - 1 do items[#items + 1] = json_string(texts[i]) end
      body = '{"texts":[' .. table.concat(items, ",") .. ']' .. model_field .. '}'
    end
    requests[#requests + 1] = wrk.format("POST", "/api/v1/sentiment", headers, body)
  end
  -- threads start at different tweets so they do not send the same texts in lockstep
  next_request = (thread_number or 0) * 997 % #requests + 1
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts") or {}) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end
  local ok, shed, other_status, listed = 0, 0, 0, {}
  for status, n in pairs(by_status) do
    if status >= 200 and status < 300 then
      ok = ok + n
    elseif status == 429 or status == 503 then
      shed = shed + n   -- the service refusing work on purpose: rate limit or full queue
    else
      other_status = other_status + n
    end
    listed[#listed + 1] = status .. "=" .. n
  end
  table.sort(listed)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  -- the answers by status, and socket errors by kind, for the log of load-test.sh
  io.write(string.format("STATUSES\t%s; socket errors: connect %d, read %d, write %d, timeout %d\n",
    table.concat(listed, " "), e.connect, e.read, e.write, e.timeout))
  -- latency is in microseconds; it covers every completed request, whatever its status
  io.write(string.format("RESULT\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%d\t%d\n",
    summary.requests, summary.requests / seconds, ok * batch / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    ok, shed, other_status, socket_errors, e.timeout))
end
