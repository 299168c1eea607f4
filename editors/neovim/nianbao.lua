-- nianbao (政府信息公开工作年度报告 linter) for Neovim's built-in LSP client.
--
-- Copy this file to ~/.config/nvim/lua/nianbao.lua and add `require("nianbao")` to init.lua.
-- It needs `nianbao` on PATH (installed from its repository with pipx, see the README). On Neovim 0.11+ it uses vim.lsp.config /
-- vim.lsp.enable; older versions (0.7–0.10) start the server from a FileType autocommand.
-- This very file is what nianbao's test suite loads into a headless Neovim.

local M = {}

M.config = {
  cmd = { "nianbao", "lsp" },
  filetypes = { "text", "markdown" },
  root_markers = { "nianbao.toml", "pyproject.toml", ".git" },
  -- Local plugins (local-plugins in nianbao.toml) are code from the project folder: they only
  -- run when you say the folder is trusted.
  init_options = { trusted = false },
  -- Editor settings, layered over nianbao.toml: select / ignore lists and severity overrides.
  settings = { nianbao = { ignore = {}, severity = {} } },
}

if vim.lsp.config then -- Neovim 0.11 and later
  vim.lsp.config("nianbao", M.config)
  vim.lsp.enable("nianbao")
  return M
end

-- Neovim 0.7–0.10: one client per project root, attached to every draft opened in it.
local clients = {}

local function root_dir(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":p:h")
  for _, marker in ipairs(M.config.root_markers) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, dir .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h")
    end
  end
  return dir
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = M.config.filetypes,
  callback = function(args)
    local root = root_dir(args.buf)
    local config = vim.tbl_extend("force", M.config, { name = "nianbao", root_dir = root })
    if vim.lsp.start then -- 0.8–0.10
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    if not clients[root] then -- 0.7
      clients[root] = vim.lsp.start_client(config)
    end
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})

return M
