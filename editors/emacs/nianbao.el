;;; nianbao.el --- nianbao (政府信息公开工作年度报告 linter) with Emacs's eglot  -*- lexical-binding: t; -*-

;; Put this file on your load-path and add (require 'nianbao) to your init file, or paste its body.
;; It needs `nianbao' on PATH (installed from its repository with pipx, see the README) and eglot (built into Emacs 29; the elpa-eglot
;; package or M-x package-install RET eglot on Emacs 28). This very file is what nianbao's test
;; suite loads into a headless Emacs.

;;; Code:

(require 'eglot)

(defgroup nianbao nil "政府信息公开工作年度报告检查." :group 'tools)

(defcustom nianbao-draft-regexp "年度报告\\|年报"
  "File names matching this regexp are drafts: eglot starts nianbao for them."
  :type 'regexp)

(defcustom nianbao-trusted nil
  "Non-nil lets nianbao load local plugins named in the project's nianbao.toml.
Local plugins are code from the project folder: only enable this for projects you trust."
  :type 'boolean)

(defun nianbao--contact (&rest _)
  "The server command and initialization options for eglot."
  `("nianbao" "lsp" :initializationOptions (:trusted ,(if nianbao-trusted t :json-false))))

(add-to-list 'eglot-server-programs '((text-mode markdown-mode) . nianbao--contact))

(defun nianbao-maybe-start ()
  "Start eglot with nianbao in a draft's buffer."
  (when (and buffer-file-name
             (string-match-p nianbao-draft-regexp (file-name-nondirectory buffer-file-name)))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'nianbao-maybe-start)
(add-hook 'markdown-mode-hook #'nianbao-maybe-start)

(provide 'nianbao)
;;; nianbao.el ends here
