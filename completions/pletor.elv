
use builtin;
use str;

set edit:completion:arg-completer[pletor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pletor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pletor'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand agents 'Discover agents: list them, show one with its inputs'
            cand apps 'Discover apps: list them, show one with its inputs'
            cand run 'Run an agent: upload inputs, start, wait, download the results'
            cand app-run 'Run an app: the same as `run`, over app runs'
            cand runs 'List, show, wait for and cancel runs (agent runs and app runs)'
            cand upload 'Upload files as assets and print their ids'
            cand download 'Download assets, or every result asset of a run'
            cand assets 'List and show assets'
            cand review 'Approve or reject what a run waits for a person to check'
            cand auth 'Log in, check which key is in use, log out'
            cand api 'Make an authenticated request to any API path and print the response'
            cand completions 'Print a shell completion script'
            cand doctor 'Check the setup and say why something does not work: key, config, network, clock'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;agents'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List agents'
            cand show 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;agents;list'= {
            cand --tag 'Keep only items with this tag (repeat for any of several)'
            cand --visibility 'Keep only items with this visibility (PUBLIC, PRIVATE, …)'
            cand --limit 'Fetch at most N items'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --all 'Fetch every page'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;agents;show'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;agents;help'= {
            cand list 'List agents'
            cand show 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;agents;help;list'= {
        }
        &'pletor;agents;help;show'= {
        }
        &'pletor;agents;help;help'= {
        }
        &'pletor;apps'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List apps'
            cand show 'Show an app: its inputs (the keys for `-i`), outputs and cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;apps;list'= {
            cand --tag 'Keep only items with this tag (repeat for any of several)'
            cand --visibility 'Keep only items with this visibility (PUBLIC, PRIVATE, …)'
            cand --limit 'Fetch at most N items'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --all 'Fetch every page'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;apps;show'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;apps;help'= {
            cand list 'List apps'
            cand show 'Show an app: its inputs (the keys for `-i`), outputs and cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;apps;help;list'= {
        }
        &'pletor;apps;help;show'= {
        }
        &'pletor;apps;help;help'= {
        }
        &'pletor;run'= {
            cand -i 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files'
            cand --input 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files'
            cand --inputs 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]'
            cand --external-id 'Idempotency key: running again with the same key reuses the run instead of paying twice'
            cand -o 'Folder to save files in (created if missing) [default: the current folder]'
            cand --output-dir 'Folder to save files in (created if missing) [default: the current folder]'
            cand --timeout 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h'
            cand --on-review 'What to do when the run pauses for a human review [default: prompt on a terminal, else fail]'
            cand --batch 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes'
            cand --concurrency 'Batch: rows in flight at once (1 to 64)'
            cand --batch-key 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]'
            cand --name-template 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --overwrite 'Replace files that already exist'
            cand --skip-existing 'Keep files that already exist and skip their download'
            cand --no-wait 'Print the created run and exit without waiting'
            cand --no-download 'Wait for the run but do not download its files'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;app-run'= {
            cand -i 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files'
            cand --input 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files'
            cand --inputs 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]'
            cand --external-id 'Idempotency key: running again with the same key reuses the run instead of paying twice'
            cand -o 'Folder to save files in (created if missing) [default: the current folder]'
            cand --output-dir 'Folder to save files in (created if missing) [default: the current folder]'
            cand --timeout 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h'
            cand --on-review 'What to do when the run pauses for a human review [default: prompt on a terminal, else fail]'
            cand --batch 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes'
            cand --concurrency 'Batch: rows in flight at once (1 to 64)'
            cand --batch-key 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]'
            cand --name-template 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --overwrite 'Replace files that already exist'
            cand --skip-existing 'Keep files that already exist and skip their download'
            cand --no-wait 'Print the created run and exit without waiting'
            cand --no-download 'Wait for the run but do not download its files'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;runs'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List runs, newest first'
            cand show 'Show a run: status, inputs, results, pending reviews, error'
            cand wait 'Wait for runs to end, handle reviews, download their results'
            cand cancel 'Cancel a run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;runs;list'= {
            cand --status 'Keep runs in this state (pending, running, completed, failed, cancelled)'
            cand --external-id 'Keep the run created with this idempotency key'
            cand --limit 'Fetch at most N items'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --app 'List app runs instead of agent runs'
            cand --all 'Fetch every page'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;runs;show'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --app 'The id is an app run (skips the guess between agent runs and app runs)'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;runs;wait'= {
            cand -o 'Folder to save files in (created if missing) [default: the current folder]'
            cand --output-dir 'Folder to save files in (created if missing) [default: the current folder]'
            cand --timeout 'Stop waiting after this long (exit 7; the runs go on)'
            cand --on-review 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --overwrite 'Replace files that already exist'
            cand --skip-existing 'Keep files that already exist and skip their download'
            cand --no-download 'Wait but do not download'
            cand --app 'The id is an app run (skips the guess between agent runs and app runs)'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;runs;cancel'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --app 'The id is an app run (skips the guess between agent runs and app runs)'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;runs;help'= {
            cand list 'List runs, newest first'
            cand show 'Show a run: status, inputs, results, pending reviews, error'
            cand wait 'Wait for runs to end, handle reviews, download their results'
            cand cancel 'Cancel a run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;runs;help;list'= {
        }
        &'pletor;runs;help;show'= {
        }
        &'pletor;runs;help;wait'= {
        }
        &'pletor;runs;help;cancel'= {
        }
        &'pletor;runs;help;help'= {
        }
        &'pletor;upload'= {
            cand --external-id 'Idempotency key (one file only): uploading again with it adopts the first upload'
            cand --concurrency 'Files uploaded at once'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;download'= {
            cand --run 'Download every result asset of this run (an agent run or an app run)'
            cand -o 'Folder to save files in (created if missing) [default: the current folder]'
            cand --output-dir 'Folder to save files in (created if missing) [default: the current folder]'
            cand --concurrency 'Files downloaded at once'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --overwrite 'Replace files that already exist'
            cand --skip-existing 'Keep files that already exist and skip their download'
            cand --app 'The id is an app run (skips the guess between agent runs and app runs)'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;assets'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List assets, newest first'
            cand show 'Show an asset''s metadata'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;assets;list'= {
            cand --external-id 'Keep the asset uploaded with this idempotency key'
            cand --limit 'Fetch at most N items'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --all 'Fetch every page'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;assets;show'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;assets;help'= {
            cand list 'List assets, newest first'
            cand show 'Show an asset''s metadata'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;assets;help;list'= {
        }
        &'pletor;assets;help;show'= {
        }
        &'pletor;assets;help;help'= {
        }
        &'pletor;review'= {
            cand --comment 'A comment sent with --approve or --reject'
            cand --body 'Send this JSON as the decision body instead of the built-in one'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --approve 'Approve without asking'
            cand --reject 'Reject without asking'
            cand --open 'Open downloaded review assets with the system viewer'
            cand --app 'The id is an app run (skips the guess between agent runs and app runs)'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;auth'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Check an API key against the API and store it in a profile (0600 config file)'
            cand status 'Show which profile, API base and key source are in use, and check the key'
            cand logout 'Remove the stored key of a profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;auth;login'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --with-key 'Read the key from stdin instead of prompting'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;auth;status'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;auth;logout'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;auth;help'= {
            cand login 'Check an API key against the API and store it in a profile (0600 config file)'
            cand status 'Show which profile, API base and key source are in use, and check the key'
            cand logout 'Remove the stored key of a profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;auth;help;login'= {
        }
        &'pletor;auth;help;status'= {
        }
        &'pletor;auth;help;logout'= {
        }
        &'pletor;auth;help;help'= {
        }
        &'pletor;api'= {
            cand -X 'The HTTP method [default: GET, or POST with fields or --input]'
            cand --method 'The HTTP method [default: GET, or POST with fields or --input]'
            cand -f 'A string field: a query parameter for GET and DELETE, a JSON body field otherwise'
            cand --field 'A string field: a query parameter for GET and DELETE, a JSON body field otherwise'
            cand -F 'A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])'
            cand --raw-field 'A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])'
            cand --input 'The JSON request body, from a file or `-` for stdin'
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;completions'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;doctor'= {
            cand --profile 'Use this profile of the config file (env: PLETOR_PROFILE)'
            cand --api-base 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]'
            cand --api-key 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists'
            cand --jq 'Filter the JSON output with a jq expression (implies --json)'
            cand --color 'When to use colors'
            cand --progress 'How to show progress: bars on a terminal, one line per change, or nothing'
            cand --connect-timeout 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]'
            cand --read-timeout 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]'
            cand --retries 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]'
            cand --retry-max-wait 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]'
            cand --json 'Print exactly one JSON document on stdout, errors included'
            cand -q 'Print only data and errors: no progress, no hints'
            cand --quiet 'Print only data and errors: no progress, no hints'
            cand -v 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --verbose 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted'
            cand --no-input 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pletor;help'= {
            cand agents 'Discover agents: list them, show one with its inputs'
            cand apps 'Discover apps: list them, show one with its inputs'
            cand run 'Run an agent: upload inputs, start, wait, download the results'
            cand app-run 'Run an app: the same as `run`, over app runs'
            cand runs 'List, show, wait for and cancel runs (agent runs and app runs)'
            cand upload 'Upload files as assets and print their ids'
            cand download 'Download assets, or every result asset of a run'
            cand assets 'List and show assets'
            cand review 'Approve or reject what a run waits for a person to check'
            cand auth 'Log in, check which key is in use, log out'
            cand api 'Make an authenticated request to any API path and print the response'
            cand completions 'Print a shell completion script'
            cand doctor 'Check the setup and say why something does not work: key, config, network, clock'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pletor;help;agents'= {
            cand list 'List agents'
            cand show 'Show an agent: its inputs (the keys for `-i`), outputs and cost'
        }
        &'pletor;help;agents;list'= {
        }
        &'pletor;help;agents;show'= {
        }
        &'pletor;help;apps'= {
            cand list 'List apps'
            cand show 'Show an app: its inputs (the keys for `-i`), outputs and cost'
        }
        &'pletor;help;apps;list'= {
        }
        &'pletor;help;apps;show'= {
        }
        &'pletor;help;run'= {
        }
        &'pletor;help;app-run'= {
        }
        &'pletor;help;runs'= {
            cand list 'List runs, newest first'
            cand show 'Show a run: status, inputs, results, pending reviews, error'
            cand wait 'Wait for runs to end, handle reviews, download their results'
            cand cancel 'Cancel a run'
        }
        &'pletor;help;runs;list'= {
        }
        &'pletor;help;runs;show'= {
        }
        &'pletor;help;runs;wait'= {
        }
        &'pletor;help;runs;cancel'= {
        }
        &'pletor;help;upload'= {
        }
        &'pletor;help;download'= {
        }
        &'pletor;help;assets'= {
            cand list 'List assets, newest first'
            cand show 'Show an asset''s metadata'
        }
        &'pletor;help;assets;list'= {
        }
        &'pletor;help;assets;show'= {
        }
        &'pletor;help;review'= {
        }
        &'pletor;help;auth'= {
            cand login 'Check an API key against the API and store it in a profile (0600 config file)'
            cand status 'Show which profile, API base and key source are in use, and check the key'
            cand logout 'Remove the stored key of a profile'
        }
        &'pletor;help;auth;login'= {
        }
        &'pletor;help;auth;status'= {
        }
        &'pletor;help;auth;logout'= {
        }
        &'pletor;help;api'= {
        }
        &'pletor;help;completions'= {
        }
        &'pletor;help;doctor'= {
        }
        &'pletor;help;help'= {
        }
    ]
    $completions[$command]
}
