" tcpglint for Vim and Neovim: :make in a request file lints it; :copen lists the findings.
" Put this file in ~/.vim/after/ftplugin/ (for json and yaml) or source it from your vimrc.
setlocal makeprg=tcpglint\ lint\ --format\ text\ --color\ never\ %
setlocal errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tnfo:\ %m,%-G%.%#
