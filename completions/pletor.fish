# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pletor_global_optspecs
    string join \n profile= api-base= api-key= json jq= q/quiet v/verbose color= no-input progress= connect-timeout= read-timeout= request-timeout= max-size= retries= retry-max-wait= h/help V/version
end

function __fish_pletor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pletor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pletor_using_subcommand
    set -l cmd (__fish_pletor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pletor -n "__fish_pletor_needs_command" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_needs_command" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_needs_command" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_needs_command" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_needs_command" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_needs_command" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_needs_command" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_needs_command" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_needs_command" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_needs_command" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_needs_command" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "agents" -d 'Discover agents: list them, show one with its inputs'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "apps" -d 'Discover apps: list them, show one with its inputs'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "run" -d 'Run an agent: upload inputs, start, wait, download the results'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "app-run" -d 'Run an app: the same as `run`, over app runs'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "batch" -d 'One view of a batch across every shard: where each row stands, or the batch\'s report'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "runs" -d 'List, show, wait for, watch and cancel runs (agent runs and app runs)'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "upload" -d 'Upload files as assets and print their ids'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "download" -d 'Download assets, or every result asset of a run'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "assets" -d 'List and show assets'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "review" -d 'Approve or reject what runs wait for a person to check: one run, or the inbox of every review that waits'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "auth" -d 'Log in, check which key is in use, log out'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "api" -d 'Make an authenticated request to any API path and print the response'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "completions" -d 'Print a shell completion script, or write the man pages (--man DIR)'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "doctor" -d 'Check the setup and say why something does not work: key, config, network, clock'
complete -c pletor -n "__fish_pletor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List agents'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l tag -d 'Keep only items with this tag (repeat for any of several)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l visibility -d 'Keep only items with this visibility (PUBLIC, PRIVATE, …)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l limit -d 'Fetch at most N items' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l all -d 'Fetch every page'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "list" -d 'List agents'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List apps'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show an app: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l tag -d 'Keep only items with this tag (repeat for any of several)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l visibility -d 'Keep only items with this visibility (PUBLIC, PRIVATE, …)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l limit -d 'Fetch at most N items' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l all -d 'Fetch every page'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "list" -d 'List apps'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an app: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s i -l input -d 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l inputs -d 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l external-id -d 'Idempotency key: running again with the same key reuses the run instead of paying twice' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -s o -l output-dir -d 'Folder to save files in (created if missing), or `-`: the one result file\'s bytes on stdout [default: the current folder]' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand run" -l timeout -d 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l on-review -d 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]' -r -f -a "prompt\t'Show the review and ask (default on a terminal)'
fail\t'Stop with exit 10 and print the `pletor review` command (default elsewhere)'
wait\t'Keep polling while someone answers elsewhere'
approve\t'Approve every review'
reject\t'Reject every review'"
complete -c pletor -n "__fish_pletor_using_subcommand run" -l batch -d 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand run" -l concurrency -d 'Batch: rows in flight at once (1 to 64)' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l batch-key -d 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l name-template -d 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l shard -d 'Batch: run only shard K of N (rows K, K+N, …), or `auto` from the job-index variables of the CI or batch scheduler (env: PLETOR_SHARD)' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand run" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand run" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand run" -l overwrite -d 'Replace files that already exist'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l skip-existing -d 'Keep files that already exist and skip their download'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l no-wait -d 'Print the created run and exit without waiting'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l no-download -d 'Wait for the run but do not download its files'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l dry-run -d 'Check everything and print the plan (inputs, files, runs, estimated cost); send only GETs'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s y -l yes -d 'Do not ask to confirm a batch\'s estimated cost on a terminal (scripts are never asked)'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand run" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand run" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s i -l input -d 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l inputs -d 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l external-id -d 'Idempotency key: running again with the same key reuses the run instead of paying twice' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s o -l output-dir -d 'Folder to save files in (created if missing), or `-`: the one result file\'s bytes on stdout [default: the current folder]' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l timeout -d 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l on-review -d 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]' -r -f -a "prompt\t'Show the review and ask (default on a terminal)'
fail\t'Stop with exit 10 and print the `pletor review` command (default elsewhere)'
wait\t'Keep polling while someone answers elsewhere'
approve\t'Approve every review'
reject\t'Reject every review'"
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l batch -d 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l concurrency -d 'Batch: rows in flight at once (1 to 64)' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l batch-key -d 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l name-template -d 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l shard -d 'Batch: run only shard K of N (rows K, K+N, …), or `auto` from the job-index variables of the CI or batch scheduler (env: PLETOR_SHARD)' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l overwrite -d 'Replace files that already exist'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l skip-existing -d 'Keep files that already exist and skip their download'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l no-wait -d 'Print the created run and exit without waiting'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l no-download -d 'Wait for the run but do not download its files'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l dry-run -d 'Check everything and print the plan (inputs, files, runs, estimated cost); send only GETs'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s y -l yes -d 'Do not ask to confirm a batch\'s estimated cost on a terminal (scripts are never asked)'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand app-run" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -f -a "status" -d 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -f -a "report" -d 'Print one JSON line per row, as the batch prints them, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and not __fish_seen_subcommand_from status report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l batch-key -d 'The key row external ids derive from, when the run was given one [default: a hash of the target and the file]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l app -d 'The batch runs an app (it was started with `app-run`)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l batch-key -d 'The key row external ids derive from, when the run was given one [default: a hash of the target and the file]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -s o -l output-dir -d 'The folder the batch saved files in (`-o` of the run); paths are reported under it [default: the current folder]' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l name-template -d 'The run\'s `--name-template` [default: {row}/{name}.{ext}]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l app -d 'The batch runs an app (it was started with `app-run`)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l no-download -d 'The batch ran with `--no-download`: list no files (and look up no asset)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from report" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "report" -d 'Print one JSON line per row, as the batch prints them, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "list" -d 'List runs, newest first (sorted by created_at, whatever order the server answers in)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "show" -d 'Show a run: status, agent or app and inputs by name, results, pending reviews, error'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "wait" -d 'Wait for runs to end, handle reviews, download their results'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "watch" -d 'Watch runs live: status, agent, elapsed time and pending reviews'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "cancel" -d 'Cancel a run'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and not __fish_seen_subcommand_from list show wait watch cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l status -d 'Keep runs in this state (awaiting_review: runs that wait for a person)' -r -f -a "pending\t''
running\t''
awaiting_review\t''
completed\t''
failed\t''
cancelled\t''"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l external-id -d 'Keep the run created with this idempotency key' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l agent -d 'Keep runs of this agent: its id, an id prefix (8+ hex), its name or its slug' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l since -d 'Keep runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l limit -d 'Fetch at most N items' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l app -d 'List app runs instead of agent runs'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l all -d 'Fetch every page'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l app -d 'The id is an app run (skips the guess between agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -s o -l output-dir -d 'Folder to save files in (created if missing), or `-`: the one result file\'s bytes on stdout [default: the current folder]' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l timeout -d 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l on-review -d 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]' -r -f -a "prompt\t'Show the review and ask (default on a terminal)'
fail\t'Stop with exit 10 and print the `pletor review` command (default elsewhere)'
wait\t'Keep polling while someone answers elsewhere'
approve\t'Approve every review'
reject\t'Reject every review'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l overwrite -d 'Replace files that already exist'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l skip-existing -d 'Keep files that already exist and skip their download'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l no-download -d 'Wait for the run but do not download its files'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l app -d 'The id is an app run (skips the guess between agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l exit-status -d 'End when the runs have ended (or wait for a review), with `runs wait`\'s exit code'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l app -d 'The id is an app run (skips the guess between agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Do not ask for confirmation'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l app -d 'The id is an app run (skips the guess between agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List runs, newest first (sorted by created_at, whatever order the server answers in)'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a run: status, agent or app and inputs by name, results, pending reviews, error'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for runs to end, handle reviews, download their results'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Watch runs live: status, agent, elapsed time and pending reviews'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a run'
complete -c pletor -n "__fish_pletor_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l external-id -d 'Idempotency key (one file only): uploading again with it adopts the first upload' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l concurrency -d 'Files uploaded at once' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand upload" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand download" -l run -d 'Download every result asset of this run (an agent run or an app run; its id or first 8+ hex digits)' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -s o -l output-dir -d 'Folder to save files in (created if missing), or `-`: the one result file\'s bytes on stdout [default: the current folder]' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand download" -l concurrency -d 'Files downloaded at once' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand download" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand download" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand download" -l overwrite -d 'Replace files that already exist'
complete -c pletor -n "__fish_pletor_using_subcommand download" -l skip-existing -d 'Keep files that already exist and skip their download'
complete -c pletor -n "__fish_pletor_using_subcommand download" -l app -d 'The id is an app run (skips the guess between agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand download" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand download" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand download" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand download" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand download" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand download" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List assets, newest first'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show an asset\'s metadata'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l external-id -d 'Keep the asset uploaded with this idempotency key' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l limit -d 'Fetch at most N items' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l all -d 'Fetch every page'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from help" -f -a "list" -d 'List assets, newest first'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an asset\'s metadata'
complete -c pletor -n "__fish_pletor_using_subcommand assets; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l comment -d 'A comment sent with --approve or --reject' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l body -d 'Send this JSON as the decision body instead of the built-in one (with RUN)' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l agent -d 'Only runs of this agent (of this app with --app): its id, an id prefix, its name or its slug' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l since -d 'Only runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l batch -d 'Only the runs of the batch run from this file (JSON Lines or CSV; `-`: stdin), every shard included' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand review" -l batch-key -d 'The key the batch\'s row external ids derive from, when it was given one [default: as the batch derived it]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l limit -d 'At most N reviews, the oldest' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l preview -d 'How to show image drafts inline [default: auto on a terminal, none elsewhere]' -r -f -a "auto\t'The protocol the terminal is known to speak (asked, never guessed), else none'
kitty\t'kitty graphics (kitty, Ghostty, WezTerm, Konsole), if the terminal confirms'
iterm\t'iTerm2 inline images (iTerm2, WezTerm, mintty, Konsole)'
sixel\t'Sixel graphics (foot, mlterm, xterm -ti vt340), if the terminal confirms'
blocks\t'Colored half-blocks: any terminal with colors, low resolution'
none\t'No inline picture'"
complete -c pletor -n "__fish_pletor_using_subcommand review" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand review" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand review" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand review" -l approve -d 'Approve without asking'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l reject -d 'Reject without asking'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l pending -d 'List every review that waits (or decide them all with --approve/--reject) instead of asking'
complete -c pletor -n "__fish_pletor_using_subcommand review" -s y -l yes -d 'Decide every listed review without asking (required in scripts with --pending --approve|--reject)'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l open -d 'Open the drafts\' copies with the system viewer (the copies are then kept)'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l keep-drafts -d 'Keep the drafts\' temporary copies after the command ends (their folder is printed)'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l app -d 'The run is an app run (skips the guess); without RUN, review app runs instead of agent runs'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand review" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand review" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand review" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand review" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Check an API key against the API and store it in a profile (0600 config file)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Show which profile, API base and key source are in use, and check the key'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Remove the stored key of a profile'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-key -d 'Read the key from stdin instead of prompting'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Check an API key against the API and store it in a profile (0600 config file)'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show which profile, API base and key source are in use, and check the key'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the stored key of a profile'
complete -c pletor -n "__fish_pletor_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand api" -s X -l method -d 'The HTTP method [default: GET, or POST with fields or --input]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -s f -l field -d 'A string field: a query parameter for GET and DELETE, a JSON body field otherwise' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -s F -l raw-field -d 'A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l input -d 'The JSON request body, from a file or `-` for stdin' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand api" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand api" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand api" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand api" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand api" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand api" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand api" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l man -d 'Write a man page for pletor and each of its commands into DIR (created if missing)' -r -F
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l profile -d 'Use this profile of the config file (env: PLETOR_PROFILE)' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l api-base -d 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l api-key -d 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l jq -d 'Filter the JSON output with a jq expression (implies --json)' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l color -d 'When to use colors' -r -f -a "auto\t'Colors when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l progress -d 'How to show progress: bars on a terminal, one line per change, or nothing' -r -f -a "auto\t'Bars and spinners on a terminal, plain lines otherwise'
tty\t'Bars and spinners, even when stderr is not a terminal'
plain\t'One line per change, never a carriage return'
none\t'No progress at all'"
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l connect-timeout -d 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l read-timeout -d 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l request-timeout -d 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l max-size -d 'Most bytes one download may write when neither the asset\'s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l retries -d 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l retry-max-wait -d 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]' -r
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l json -d 'Print exactly one JSON document on stdout, errors included'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors: no progress, no hints'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -s v -l verbose -d 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -l no-input -d 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pletor -n "__fish_pletor_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "agents" -d 'Discover agents: list them, show one with its inputs'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "apps" -d 'Discover apps: list them, show one with its inputs'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "run" -d 'Run an agent: upload inputs, start, wait, download the results'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "app-run" -d 'Run an app: the same as `run`, over app runs'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "batch" -d 'One view of a batch across every shard: where each row stands, or the batch\'s report'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "runs" -d 'List, show, wait for, watch and cancel runs (agent runs and app runs)'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "upload" -d 'Upload files as assets and print their ids'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "download" -d 'Download assets, or every result asset of a run'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "assets" -d 'List and show assets'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "review" -d 'Approve or reject what runs wait for a person to check: one run, or the inbox of every review that waits'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "auth" -d 'Log in, check which key is in use, log out'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "api" -d 'Make an authenticated request to any API path and print the response'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "completions" -d 'Print a shell completion script, or write the man pages (--man DIR)'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "doctor" -d 'Check the setup and say why something does not work: key, config, network, clock'
complete -c pletor -n "__fish_pletor_using_subcommand help; and not __fish_seen_subcommand_from agents apps run app-run batch runs upload download assets review auth api completions doctor help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from agents" -f -a "list" -d 'List agents'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from agents" -f -a "show" -d 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "list" -d 'List apps'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "show" -d 'Show an app: its inputs (the keys for `-i`), outputs and cost'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "status" -d 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "report" -d 'Print one JSON line per row, as the batch prints them, across every shard'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "list" -d 'List runs, newest first (sorted by created_at, whatever order the server answers in)'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "show" -d 'Show a run: status, agent or app and inputs by name, results, pending reviews, error'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "wait" -d 'Wait for runs to end, handle reviews, download their results'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "watch" -d 'Watch runs live: status, agent, elapsed time and pending reviews'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "cancel" -d 'Cancel a run'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from assets" -f -a "list" -d 'List assets, newest first'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from assets" -f -a "show" -d 'Show an asset\'s metadata'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Check an API key against the API and store it in a profile (0600 config file)'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show which profile, API base and key source are in use, and check the key'
complete -c pletor -n "__fish_pletor_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the stored key of a profile'
