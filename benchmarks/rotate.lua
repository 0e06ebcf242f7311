-- wrk script: cycle through the request paths listed in a file (one per line).
-- Usage: wrk ... --script=rotate.lua http://127.0.0.1:PORT -- paths.txt [+text ...] [-text ...]
-- Each thread starts at a different offset, so the threads do not ask for the same path
-- at the same time.
--
-- Optional checks of every answer with status 200: "+text" must occur in the body, "-text"
-- must not (a Datasette facet that timed out still answers 200). With checks, the report
-- ends with "Checked responses: N, incomplete: M" (wrk.py reads it; incomplete answers count
-- as errors).

local threads = {}

function setup(thread)
   thread:set("offset", #threads * 7919)
   table.insert(threads, thread)
end

local function check_answer(status, headers, body)
   if status ~= 200 then
      return
   end
   checked = checked + 1
   for _, text in ipairs(required) do
      if not string.find(body, text, 1, true) then
         incomplete = incomplete + 1
         return
      end
   end
   for _, text in ipairs(forbidden) do
      if string.find(body, text, 1, true) then
         incomplete = incomplete + 1
         return
      end
   end
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if #line > 0 then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error("no paths in " .. args[1])
   end
   counter = offset or 0
   required, forbidden = {}, {}
   for i = 2, #args do
      local sign, text = string.sub(args[i], 1, 1), string.sub(args[i], 2)
      if sign == "+" then
         required[#required + 1] = text
      elseif sign == "-" then
         forbidden[#forbidden + 1] = text
      else
         error("a check starts with + or -: " .. args[i])
      end
   end
   checked, incomplete = 0, 0
   checking = #required + #forbidden > 0
   if checking then
      -- wrk reads the bodies only when the script defines response().
      response = check_answer
   end
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
   local total_checked, total_incomplete, checking = 0, 0, false
   for _, thread in ipairs(threads) do
      checking = checking or thread:get("checking")
      total_checked = total_checked + (thread:get("checked") or 0)
      total_incomplete = total_incomplete + (thread:get("incomplete") or 0)
   end
   if checking then
      io.write(string.format("Checked responses: %d, incomplete: %d\n",
                             total_checked, total_incomplete))
   end
end
