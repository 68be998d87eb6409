-- Load for clew-serve's POST /v1/leads (README, "Intake"): every request a new person.
--   CLEW_TOKEN=clw_… wrk -t2 -c16 -d20s -s docs/intake-wrk.lua http://127.0.0.1:8377/v1/leads
-- Each wrk thread numbers its own phones (13<thread><8 digits>), so no two posts are the same lead.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  counter = 0
  token = os.getenv("CLEW_TOKEN") or ""
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

function request()
  counter = counter + 1
  local phone = string.format("13%d%08d", tid % 10, counter)
  local body = '{"公司":"压测科技有限公司","联系人":"王伟","手机":"' .. phone .. '","行业":"制造业","需求":"ERP","城市":"杭州"}'
  return wrk.format("POST", nil, headers, body)
end
