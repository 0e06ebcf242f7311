-- wrk script: cycle through the request paths listed in a file (one per line).
-- Usage: wrk ... --script=rotate.lua http://127.0.0.1:PORT -- paths.txt
-- Each thread starts at a different offset, so the threads do not ask for the same path
-- at the same time.

local counter = 0
local threads = 0

function setup(thread)
   thread:set("offset", threads * 7919)
   threads = threads + 1
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
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
end
