
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pletor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pletor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pletor' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'Discover agents: list them, show one with its inputs')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'Discover apps: list them, show one with its inputs')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run an agent: upload inputs, start, wait, download the results')
            [CompletionResult]::new('app-run', 'app-run', [CompletionResultType]::ParameterValue, 'Run an app: the same as `run`, over app runs')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'One view of a batch across every shard: where each row stands, or the batch''s report')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List, show, wait for, watch and cancel runs (agent runs and app runs)')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload files as assets and print their ids')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download assets, or every result asset of a run')
            [CompletionResult]::new('assets', 'assets', [CompletionResultType]::ParameterValue, 'List and show assets')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Approve or reject what runs wait for a person to check: one run, or the inbox of every review that waits')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, check which key is in use, log out')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Make an authenticated request to any API path and print the response')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, or write the man pages (--man DIR)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the setup and say why something does not work: key, config, network, clock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;agents' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an agent: its inputs (the keys for `-i`), outputs and cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;agents;list' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Keep only items with this tag (repeat for any of several)')
            [CompletionResult]::new('--visibility', '--visibility', [CompletionResultType]::ParameterName, 'Keep only items with this visibility (PUBLIC, PRIVATE, …)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Fetch at most N items')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;agents;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;agents;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an agent: its inputs (the keys for `-i`), outputs and cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;agents;help;list' {
            break
        }
        'pletor;agents;help;show' {
            break
        }
        'pletor;agents;help;help' {
            break
        }
        'pletor;apps' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List apps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an app: its inputs (the keys for `-i`), outputs and cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;apps;list' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Keep only items with this tag (repeat for any of several)')
            [CompletionResult]::new('--visibility', '--visibility', [CompletionResultType]::ParameterName, 'Keep only items with this visibility (PUBLIC, PRIVATE, …)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Fetch at most N items')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;apps;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;apps;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List apps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an app: its inputs (the keys for `-i`), outputs and cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;apps;help;list' {
            break
        }
        'pletor;apps;help;show' {
            break
        }
        'pletor;apps;help;help' {
            break
        }
        'pletor;run' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files')
            [CompletionResult]::new('--inputs', '--inputs', [CompletionResultType]::ParameterName, 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'Idempotency key: running again with the same key reuses the run instead of paying twice')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds')
            [CompletionResult]::new('--on-review', '--on-review', [CompletionResultType]::ParameterName, 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Batch: rows in flight at once (1 to 64)')
            [CompletionResult]::new('--batch-key', '--batch-key', [CompletionResultType]::ParameterName, 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]')
            [CompletionResult]::new('--name-template', '--name-template', [CompletionResultType]::ParameterName, 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Batch: run only shard K of N (rows K, K+N, …), or `auto` from the job-index variables of the CI or batch scheduler (env: PLETOR_SHARD)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Keep files that already exist and skip their download')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the created run and exit without waiting')
            [CompletionResult]::new('--no-download', '--no-download', [CompletionResultType]::ParameterName, 'Wait for the run but do not download its files')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything and print the plan (inputs, files, runs, estimated cost); send only GETs')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask to confirm a batch''s estimated cost on a terminal (scripts are never asked)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask to confirm a batch''s estimated cost on a terminal (scripts are never asked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;app-run' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files')
            [CompletionResult]::new('--inputs', '--inputs', [CompletionResultType]::ParameterName, 'All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'Idempotency key: running again with the same key reuses the run instead of paying twice')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds')
            [CompletionResult]::new('--on-review', '--on-review', [CompletionResultType]::ParameterName, 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Batch: rows in flight at once (1 to 64)')
            [CompletionResult]::new('--batch-key', '--batch-key', [CompletionResultType]::ParameterName, 'Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]')
            [CompletionResult]::new('--name-template', '--name-template', [CompletionResultType]::ParameterName, 'Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Batch: run only shard K of N (rows K, K+N, …), or `auto` from the job-index variables of the CI or batch scheduler (env: PLETOR_SHARD)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Keep files that already exist and skip their download')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the created run and exit without waiting')
            [CompletionResult]::new('--no-download', '--no-download', [CompletionResultType]::ParameterName, 'Wait for the run but do not download its files')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything and print the plan (inputs, files, runs, estimated cost); send only GETs')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask to confirm a batch''s estimated cost on a terminal (scripts are never asked)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask to confirm a batch''s estimated cost on a terminal (scripts are never asked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;batch' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print one JSON line per row, as the batch prints them, across every shard')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;batch;status' {
            [CompletionResult]::new('--batch-key', '--batch-key', [CompletionResultType]::ParameterName, 'The key row external ids derive from, when the run was given one [default: a hash of the target and the file]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The batch runs an app (it was started with `app-run`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;batch;report' {
            [CompletionResult]::new('--batch-key', '--batch-key', [CompletionResultType]::ParameterName, 'The key row external ids derive from, when the run was given one [default: a hash of the target and the file]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder the batch saved files in (`-o` of the run); paths are reported under it [default: the current folder]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The folder the batch saved files in (`-o` of the run); paths are reported under it [default: the current folder]')
            [CompletionResult]::new('--name-template', '--name-template', [CompletionResultType]::ParameterName, 'The run''s `--name-template` [default: {row}/{name}.{ext}]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The batch runs an app (it was started with `app-run`)')
            [CompletionResult]::new('--no-download', '--no-download', [CompletionResultType]::ParameterName, 'The batch ran with `--no-download`: list no files (and look up no asset)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;batch;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print one JSON line per row, as the batch prints them, across every shard')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;batch;help;status' {
            break
        }
        'pletor;batch;help;report' {
            break
        }
        'pletor;batch;help;help' {
            break
        }
        'pletor;runs' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runs, newest first (sorted by created_at, whatever order the server answers in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a run: status, agent or app and inputs by name, results, pending reviews, error')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for runs to end, handle reviews, download their results')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch runs live: status, agent, elapsed time and pending reviews')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;runs;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Keep runs in this state (awaiting_review: runs that wait for a person)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'Keep the run created with this idempotency key')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Keep runs of this agent: its id, an id prefix (8+ hex), its name or its slug')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Keep runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Fetch at most N items')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'List app runs instead of agent runs')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;runs;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The id is an app run (skips the guess between agent runs and app runs)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;runs;wait' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds')
            [CompletionResult]::new('--on-review', '--on-review', [CompletionResultType]::ParameterName, 'What to do when a run pauses for a human review [default: prompt on a terminal, else fail]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Keep files that already exist and skip their download')
            [CompletionResult]::new('--no-download', '--no-download', [CompletionResultType]::ParameterName, 'Wait for the run but do not download its files')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The id is an app run (skips the guess between agent runs and app runs)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;runs;watch' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'End when the runs have ended (or wait for a review), with `runs wait`''s exit code')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The id is an app run (skips the guess between agent runs and app runs)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;runs;cancel' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The id is an app run (skips the guess between agent runs and app runs)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;runs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runs, newest first (sorted by created_at, whatever order the server answers in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a run: status, agent or app and inputs by name, results, pending reviews, error')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for runs to end, handle reviews, download their results')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch runs live: status, agent, elapsed time and pending reviews')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;runs;help;list' {
            break
        }
        'pletor;runs;help;show' {
            break
        }
        'pletor;runs;help;wait' {
            break
        }
        'pletor;runs;help;watch' {
            break
        }
        'pletor;runs;help;cancel' {
            break
        }
        'pletor;runs;help;help' {
            break
        }
        'pletor;upload' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'Idempotency key (one file only): uploading again with it adopts the first upload')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Files uploaded at once')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;download' {
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Download every result asset of this run (an agent run or an app run; its id or first 8+ hex digits)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to save files in (created if missing), or `-`: the one result file''s bytes on stdout [default: the current folder]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Files downloaded at once')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Keep files that already exist and skip their download')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The id is an app run (skips the guess between agent runs and app runs)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;assets' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List assets, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an asset''s metadata')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;assets;list' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'Keep the asset uploaded with this idempotency key')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Fetch at most N items')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;assets;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;assets;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List assets, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an asset''s metadata')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;assets;help;list' {
            break
        }
        'pletor;assets;help;show' {
            break
        }
        'pletor;assets;help;help' {
            break
        }
        'pletor;review' {
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'A comment sent with --approve or --reject')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Send this JSON as the decision body instead of the built-in one (with RUN)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only runs of this agent (of this app with --app): its id, an id prefix, its name or its slug')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only the runs of the batch run from this file (JSON Lines or CSV; `-`: stdin), every shard included')
            [CompletionResult]::new('--batch-key', '--batch-key', [CompletionResultType]::ParameterName, 'The key the batch''s row external ids derive from, when it was given one [default: as the batch derived it]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N reviews, the oldest')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'How to show image drafts inline [default: auto on a terminal, none elsewhere]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--approve', '--approve', [CompletionResultType]::ParameterName, 'Approve without asking')
            [CompletionResult]::new('--reject', '--reject', [CompletionResultType]::ParameterName, 'Reject without asking')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'List every review that waits (or decide them all with --approve/--reject) instead of asking')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Decide every listed review without asking (required in scripts with --pending --approve|--reject)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Decide every listed review without asking (required in scripts with --pending --approve|--reject)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the drafts'' copies with the system viewer (the copies are then kept)')
            [CompletionResult]::new('--keep-drafts', '--keep-drafts', [CompletionResultType]::ParameterName, 'Keep the drafts'' temporary copies after the command ends (their folder is printed)')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The run is an app run (skips the guess); without RUN, review app runs instead of agent runs')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check an API key against the API and store it in a profile (0600 config file)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which profile, API base and key source are in use, and check the key')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored key of a profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;auth;login' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--with-key', '--with-key', [CompletionResultType]::ParameterName, 'Read the key from stdin instead of prompting')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;auth;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check an API key against the API and store it in a profile (0600 config file)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which profile, API base and key source are in use, and check the key')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored key of a profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;auth;help;login' {
            break
        }
        'pletor;auth;help;status' {
            break
        }
        'pletor;auth;help;logout' {
            break
        }
        'pletor;auth;help;help' {
            break
        }
        'pletor;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST with fields or --input]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST with fields or --input]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field: a query parameter for GET and DELETE, a JSON body field otherwise')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A string field: a query parameter for GET and DELETE, a JSON body field otherwise')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The JSON request body, from a file or `-` for stdin')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;completions' {
            [CompletionResult]::new('--man', '--man', [CompletionResultType]::ParameterName, 'Write a man page for pletor and each of its commands into DIR (created if missing)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;doctor' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (env: PLETOR_PROFILE)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How to show progress: bars on a terminal, one line per change, or nothing')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Longest time one API request may take to answer in full, so a reply that trickles ends like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Most bytes one download may write when neither the asset''s metadata nor the answer announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]')
            [CompletionResult]::new('--retry-max-wait', '--retry-max-wait', [CompletionResultType]::ParameterName, 'Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print exactly one JSON document on stdout, errors included')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no hints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pletor;help' {
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'Discover agents: list them, show one with its inputs')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'Discover apps: list them, show one with its inputs')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run an agent: upload inputs, start, wait, download the results')
            [CompletionResult]::new('app-run', 'app-run', [CompletionResultType]::ParameterValue, 'Run an app: the same as `run`, over app runs')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'One view of a batch across every shard: where each row stands, or the batch''s report')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List, show, wait for, watch and cancel runs (agent runs and app runs)')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload files as assets and print their ids')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download assets, or every result asset of a run')
            [CompletionResult]::new('assets', 'assets', [CompletionResultType]::ParameterValue, 'List and show assets')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Approve or reject what runs wait for a person to check: one run, or the inbox of every review that waits')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, check which key is in use, log out')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Make an authenticated request to any API path and print the response')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, or write the man pages (--man DIR)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the setup and say why something does not work: key, config, network, clock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pletor;help;agents' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an agent: its inputs (the keys for `-i`), outputs and cost')
            break
        }
        'pletor;help;agents;list' {
            break
        }
        'pletor;help;agents;show' {
            break
        }
        'pletor;help;apps' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List apps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an app: its inputs (the keys for `-i`), outputs and cost')
            break
        }
        'pletor;help;apps;list' {
            break
        }
        'pletor;help;apps;show' {
            break
        }
        'pletor;help;run' {
            break
        }
        'pletor;help;app-run' {
            break
        }
        'pletor;help;batch' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print one JSON line per row, as the batch prints them, across every shard')
            break
        }
        'pletor;help;batch;status' {
            break
        }
        'pletor;help;batch;report' {
            break
        }
        'pletor;help;runs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runs, newest first (sorted by created_at, whatever order the server answers in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a run: status, agent or app and inputs by name, results, pending reviews, error')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for runs to end, handle reviews, download their results')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch runs live: status, agent, elapsed time and pending reviews')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a run')
            break
        }
        'pletor;help;runs;list' {
            break
        }
        'pletor;help;runs;show' {
            break
        }
        'pletor;help;runs;wait' {
            break
        }
        'pletor;help;runs;watch' {
            break
        }
        'pletor;help;runs;cancel' {
            break
        }
        'pletor;help;upload' {
            break
        }
        'pletor;help;download' {
            break
        }
        'pletor;help;assets' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List assets, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an asset''s metadata')
            break
        }
        'pletor;help;assets;list' {
            break
        }
        'pletor;help;assets;show' {
            break
        }
        'pletor;help;review' {
            break
        }
        'pletor;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check an API key against the API and store it in a profile (0600 config file)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which profile, API base and key source are in use, and check the key')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored key of a profile')
            break
        }
        'pletor;help;auth;login' {
            break
        }
        'pletor;help;auth;status' {
            break
        }
        'pletor;help;auth;logout' {
            break
        }
        'pletor;help;api' {
            break
        }
        'pletor;help;completions' {
            break
        }
        'pletor;help;doctor' {
            break
        }
        'pletor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
