-- Test driver: open a draft with the documented config, wait for nianbao's diagnostics, apply the
-- preferred quick fix through vim.lsp.buf.code_action, and record what happened as JSON.
local out = os.getenv("NIANBAO_TEST_OUT")
local result = { steps = {} }

local function finish(code)
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(code == 0 and "qa!" or ("cq " .. code))
end

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, code)
  end
  table.sort(list)
  return list
end

local ok, err = pcall(function()
  dofile(os.getenv("NIANBAO_NVIM_CONFIG"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("NIANBAO_TEST_DRAFT")))
  assert(vim.wait(30000, function() return #vim.diagnostic.get(0) >= 2 end, 50), "no diagnostics arrived")
  result.before = codes()
  local target
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if (d.code or d.user_data.lsp.code) == "NB502" then
      target = d
    end
  end
  assert(target, "no NB502 diagnostic")
  result.col = target.col
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  -- Headless: choose the preferred action where the user would pick from the menu.
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      if action and action.isPreferred then
        table.insert(result.steps, "chose: " .. action.title)
        return on_choice(item, i)
      end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  local line = target.lnum + 1
  assert(vim.wait(10000, function()
    return vim.fn.getline(line):find("国家秘密", 1, true) ~= nil
  end, 50), "quick fix was not applied")
  result.line = vim.fn.getline(line)
  assert(vim.wait(10000, function()
    return not vim.tbl_contains(codes(), "NB502")
  end, 50), "NB502 still reported after the fix")
  result.after = codes()
  result.encoding = vim.lsp.get_active_clients and vim.lsp.get_active_clients()[1].offset_encoding
    or vim.lsp.get_clients()[1].offset_encoding
end)
if not ok then
  result.error = tostring(err)
  finish(3)
else
  finish(0)
end
