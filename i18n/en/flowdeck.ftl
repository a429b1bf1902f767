# flowdeck's words in English (the fallback: every key lives here first).
# Plurals: { $n -> [one] … *[other] … }. Numbers: { NUMBER($n) }.

## The language itself: its own name (for the language menu) and how it writes numbers
language-name = English
number-group = { "," }
number-decimal = { "." }
money-usd = ${ $amount }

## The tabs
tab-compose = Compose
tab-queue = Queue
tab-history = History
tab-accounts = Accounts
tab-settings = Settings

## The window around the screens
last-batch = Last batch: { $done } of { $total } videos on disk
starting = Starting…
could-not-start = flowdeck could not start
could-not-start-help = Fix the settings file named above (or run `flowdeck accounts list`), then start again.

## The larger picture of a video
preview-decoding = Decoding the first frame…
preview-none = No picture: { $why }
preview-play = Play
preview-show-in-folder = Show in folder
close = Close
cancel-esc = Cancel  (Esc)

## Compose
compose-prompts = Prompts
compose-per-paragraph = one scene per paragraph
compose-per-line = one scene per line
compose-paragraphs = Paragraphs
compose-import-button = Import… (Ctrl+O)
compose-placeholder =
    One scene per line, e.g.
    A lighthouse on a rocky coast at dawn, cinematic wide shot
compose-model = Model
compose-aspect = Aspect
compose-copies = Copies
compose-seconds = Seconds
compose-resolution = Resolution
compose-seed = Seed
compose-mode = Mode
compose-seed-random = Random
compose-seed-fixed = Fixed
compose-seed-placeholder = seed
compose-parallel = Parallel
compose-sequential = Sequential
compose-output-folder = Output folder
compose-folder-placeholder = folder for the videos
compose-browse = Browse…
compose-accounts = Accounts
compose-no-accounts = none yet: add one in Accounts
compose-prompt-file = Prompt file
compose-import = Import
compose-note = Note: { $text }
compose-generate = Generate  (Ctrl+Enter)
compose-generate-more = Generate more  (Ctrl+Enter)
compose-estimate-empty = Write one scene per line.
compose-estimate-uniform =
    { $scenes ->
        [one] { $scenes } scene
       *[other] { $scenes } scenes
    } × { $copies ->
        [one] { $copies } copy
       *[other] { $copies } copies
    } = { $videos ->
        [one] { $videos } video
       *[other] { $videos } videos
    }
compose-estimate-mixed =
    { $scenes ->
        [one] { $scenes } scene
       *[other] { $scenes } scenes
    }, { $videos ->
        [one] { $videos } video
       *[other] { $videos } videos
    }
compose-estimate-credits = , about { $credits } credits
compose-estimate-usd = , about { $usd } on the Gemini API
compose-estimate-usd-also = (or about { $usd } on the Gemini API)
compose-estimate-accounts =
    { $accounts ->
        [one] , over { $accounts } account
       *[other] , over { $accounts } accounts
    }
compose-cannot-run = { $account } cannot run this: { $why }
compose-short-of-credits = { $account } has { $credits } credits; its share needs about { $share } (the others will take over when it runs out)
compose-not-ultra = { $account } is not on an Ultra plan, which { $key } needs
compose-no-folder-dialog = No folder dialog can open here ({ $why }): type the folder in the Output folder field.
compose-no-file-dialog = No file dialog can open here ({ $why }): type the prompt file's path below.
compose-type-a-path = Type the path of a prompt file ({ $kinds }).
compose-imported =
    { $scenes ->
        [one] Imported { $scenes } scene from { $file }.
       *[other] Imported { $scenes } scenes from { $file }.
    }
compose-imported-with-images =
    Imported { $scenes ->
        [one] { $scenes } scene
       *[other] { $scenes } scenes
    } from { $file }; { $pictured ->
        [one] { $pictured } starts from images (kept while its prompt is unchanged).
       *[other] { $pictured } start from images (kept while their prompt is unchanged).
    }

## Compose: the pictures a scene starts from
slot-start = + Start
slot-end = + End
slot-reference = + Reference
slot-name-start = start
slot-name-end = end
slot-name-reference = reference
slots-help = Pictures a scene starts from (optional): click a slot, then choose or drop a PNG, JPEG or WebP.
slots-continues = continues scene { $scene }
slots-drop-hint = Type the picture's path below, or drop a PNG, JPEG or WebP picture on the window, to put it in the slot.
slots-click-first = Click a scene's Start, End or Reference slot first, then drop the picture.
slots-cannot-send = That picture cannot be sent: { $why }
slots-too-many = A scene takes at most { $max } reference pictures.

## Take states
state-queued = queued
state-assigned = assigned
state-submitting = submitting
state-generating = generating
state-ready = ready
state-downloading = downloading
state-done = done
state-failed = failed
state-timed-out = timed out
state-uncertain = uncertain
state-canceled = cancelled

## Queue
queue-next-in-line = next in line
queue-for = for { $time }
queue-of-total = { $done } / { $total }
queue-run-next = Run next
queue-open = Open
queue-folder = Folder
queue-revise = Revise
queue-upscale = Upscale
queue-retry = Retry
queue-on-disk = { $done } of { $total } on disk
queue-failed = {" "}· { $n } failed
queue-in-progress = {" "}· { $n } in progress
queue-cancelled = {" "}· { $n } cancelled
queue-finished = {" "}· finished
queue-batch-cancelled = {" "}· cancelled
queue-paused = {" "}· paused
queue-resume = Resume
queue-pause = Pause
queue-cancel = Cancel
queue-retry-failed = Retry failed
queue-resumed = Resumed from the last session.
queue-waiting = Waiting: { $why }
queue-no-takes = no takes
queue-rows = rows { $first }–{ $last } of { $total }
queue-previous = ‹ Previous
queue-next = Next ›
queue-empty = Nothing queued yet. Write prompts in Compose and press Generate.
filter-all = All
filter-moving = In progress
filter-attention = Needs a look
filter-done = On disk

## The accounts sidebar
lane-cannot-start = cannot start
lane-not-working = not working
lane-checking = checking…
health-ready = ready
health-cooling = cooling down ({ $seconds } s)
health-cooling-left = cooling down { $seconds } s
health-sign-in = needs sign-in
health-out-of-credits = out of credits
health-paused = paused
health-waiting-browser = waiting for browser
health-held = held
lane-credits = { $credits } credits
lane-in-flight = { $n } in flight
lane-no-browser = no browser
lane-browser-connected = browser connected
lane-done = done { $n }
lane-failed = failed { $n }
lane-checked-works = checked: works
lane-sign-in-again = Sign in again
lane-connect-browser = Connect a browser
lane-resume = Resume
lanes-title = Accounts
lanes-none = No accounts yet: add one in Accounts.

## History
history-title = History
history-refresh = Refresh
history-loading = Loading…
history-none = No batches yet.
history-open-folder = Open folder
history-export = Export CSV
history-saved = Results saved to { $path }
history-export-failed = Could not export: { $why }
history-failed = { $n } failed
batch-active = active
batch-finished = finished
batch-cancelled = cancelled

## Revise a video
revise-say-how = Say how the video should change.
revise-title = Revise { $take }
revise-was = Was: { $prompt }
revise-placeholder = what to change, e.g. "make it night, keep the camera move"
revise-videos = Videos
revise-explain = A new video made on { $account } with the same model, shape and length; it costs like any other take. The original stays as it is.
revise-send = Send revision

## Settings
theme-system = System
theme-light = Light
theme-dark = Dark
people-anyone = Anyone (allow_all)
people-adults = Adults only (allow_adult)
settings-must-be-number = { $what } must be a number
settings-between = { $what } must be between { $lo } and { $hi }
settings-choose-folder = choose a folder
settings-what-concurrency = videos at once per account
settings-what-poll = the status interval (seconds)
settings-what-downloads = downloads at once
settings-what-spacing = the seconds between a Flow account's generate calls
settings-fix-first = fix the fields marked in red first
settings-example = e.g. { $sample } · placeholders: { $placeholders }
settings-saved = Saved. Pacing changes apply from the next start; file names apply now.
settings-language-saved = The language is now { $language }.
settings-title = Settings
settings-output-folder = Output folder
settings-folder-placeholder = folder
settings-output-hint = where new batches go
settings-file-names = File names
settings-template-placeholder = template
settings-concurrency = Videos at once per account
settings-concurrency-hint = 1 to 32
settings-poll = Status check every (s)
settings-poll-hint = Flow's own page uses 5
settings-downloads = Downloads at once
settings-downloads-hint = over all accounts
settings-spacing = Flow: seconds between generate calls
settings-spacing-hint = per account; doubled after each refusal. Flow flags accounts that generate in bursts
settings-people = Gemini API: people in videos
settings-people-hint = Adults only is required in the EU, UK, Switzerland and MENA
settings-negative = Gemini API: negative prompt
settings-negative-placeholder = optional, e.g. cartoon, low quality
settings-negative-hint = what every Gemini video should avoid
settings-theme = Theme
settings-language = Language
settings-language-hint = applies at once; --lang or FLOWDECK_LANG choose one for a single run
settings-save = Save

## Accounts
accounts-title = Accounts
accounts-none = No accounts yet. Add one below.
accounts-not-running = not running
accounts-session-only = this session only
accounts-keyring = keyring
accounts-no-browser = no browser paired
accounts-key = key: { $kept }
accounts-no-project = no project
accounts-check = Check
accounts-rename = Rename
accounts-connect = Connect a browser
accounts-new-key = New key
accounts-remove = Remove
accounts-name = Name
accounts-name-placeholder = e.g. studio-1
accounts-provider = Provider
accounts-add-title = Add an account
accounts-google-account = Google account (optional)
accounts-email-placeholder = the email its browser is signed in as
accounts-flow-help = Flow has no public API: flowdeck drives it through your own signed-in browser. Install the flowdeck extension in a Chrome profile signed in to this Google account (chrome://extensions → Developer mode → Load unpacked → the extension folder), then add the account and open the link it shows in that profile.
accounts-flow-project = Flow project id (optional)
accounts-flow-project-placeholder = a new project is made when empty
accounts-add-and-connect = Add and connect a browser
accounts-api-key = API key
accounts-api-key-placeholder = AIza… key from aistudio.google.com/apikey
accounts-note = Note: { $text }.
accounts-add = Add account
accounts-cloud-project = Google Cloud project
accounts-location = Location
accounts-key-file = Service-account key file (optional)
accounts-key-file-placeholder = empty: Application Default Credentials
accounts-choose = Choose…
accounts-vertex-help = Veo on Vertex AI bills the project. Enable the Vertex AI API in it and give the service account the Vertex AI User role (and Storage Object Viewer on the output bucket, if you set one). Only the key file's path is kept; without one, flowdeck uses gcloud's Application Default Credentials.
accounts-signed-in = Signed in: { $who }
accounts-no-keyring = No keyring ({ $why }): secrets added here last for this session only.
accounts-rename-title = Rename { $account }
accounts-new-name = new name
accounts-remove-title = Remove { $account }?
accounts-remove-explain = Its keyring entry is deleted. Videos already on disk stay.
accounts-new-key-title = New API key: { $account }
accounts-paste-key = paste the new key
accounts-save = Save
accounts-waiting-extension = Waiting for the flowdeck extension in that browser…
accounts-connect-title = Connect a browser: { $account }
accounts-connect-help = Open this link in the Chrome profile that is signed in to this account's Google account and has the flowdeck extension:
accounts-copy = Copy
accounts-open = Open
accounts-connect-once = Open it in the right profile. The link is useless without this code, which only this window shows: a page that shows you a code to type is not flowdeck's. It works once, for 10 minutes.
close-esc = Close  (Esc)

## Before spending again
spend-costs-again = This costs again
spend-send-again = Send again
spend-generate-again = Generate again
spend-refused = 
    { $n ->
        [one] This take was refused for the service's policy ("{ $reason }"). Sending it again costs { $price } and will most likely be refused again unless the prompt changes.
       *[other] { $n } of these takes were refused for the service's policy ("{ $reason }"). Sending them again costs { $price } and will most likely be refused again unless the prompt changes.
    }
spend-made-before = { $again } of these { $scenes } prompts were already made in the last batch. Generating them again makes (and pays for) new videos: { $price } for the whole batch.
spend-upscale = Upscale
spend-upscale-question = Flow makes a larger copy of this video on { $account }, saved next to the original. 1080p: no price is published (counted as free); 4K: 50 credits.
spend-upscale-1080 = Upscale to 1080p
spend-upscale-4k = Upscale to 4K

## Banners
banner-no-keyring = No keyring available ({ $why }): secrets you add now are kept for this session only.
banner-cannot-start = Account { $account } cannot start: { $why }
banner-resumed = 
    { $n ->
        [one] Resumed { $n } unfinished take from last time.
       *[other] Resumed { $n } unfinished takes from last time.
    }
banner-demo = Demo mode: three simulated Flow accounts, each played by a built-in stand-in for the browser extension, and one Gemini API account making Gemini Omni Flash videos (omni-flash runs on all four); nothing is sent to Google. Prompts containing #unsafe are refused, to show how that looks.
compose-seed-range = the seed must be a whole number from 0 to 2147483647
compose-choose-account = choose at least one account
compose-none-can-run = none of the chosen accounts can run { $model } { $aspect }
compose-choose-folder = choose an output folder
accounts-no-bridge = the browser bridge is not running (see the banner), so no browser can be connected
accounts-unreadable = an account flowdeck could not read
accounts-connected = Connected: that browser is signed in as { $email }.
accounts-checking = checking…
accounts-reconnect = Connect { $new }'s browser again: its extension still knows it as { $old }. { $note }
accounts-status-credits = {" "}· { $credits } credits
accounts-status-makes = {" "}· makes { $models }
accounts-signed-in-plain = signed in
accounts-wrong-browser = { $account } is paired, but its browser is signed in as { $got }, not { $want }: nothing is sent for { $account } until they match. { $note }
accounts-session-secret = No keyring is available ({ $why }): the secret is kept for this session only.
dialog-import-title = Import prompts
dialog-prompt-files = Prompt files
dialog-picture-title = Choose a picture
dialog-pictures = Pictures
dialog-output-title = Output folder
dialog-key-file-title = Service-account key file
dialog-key-files = JSON key files
notify-finished-title = flowdeck: { $batch } finished
notify-finished-body = { $done } of { $total } videos on disk
notify-need-a-look = , { $n } need a look
banner-not-a-file = { $path } is neither a prompt file ({ $kinds }) nor a picture (PNG, JPEG or WebP).
window-no-display = flowdeck: no display here (DISPLAY and WAYLAND_DISPLAY are unset); use `flowdeck run PROMPTS --out DIR` for the command line
window-could-not-start = flowdeck: the window could not start ({ $why }); `flowdeck run` works without one
window-cannot-open = flowdeck: cannot open a window ({ $why }); use `flowdeck run PROMPTS --out DIR` for the command line

## The command line: `run` and what it prints
cli-no-videos-yet = no videos yet
cli-take = take { $take } (scene { $scene }, copy { $copy })
cli-starting = starting
cli-failed = { $n } failed
cli-credits = { $credits } credits
cli-in-flight = { $n } in flight
cli-mib = { $mib } MiB
cli-batch = 
    { $videos ->
        [one] batch { $batch } "{ $label }": { $videos } video{ $place }
       *[other] batch { $batch } "{ $label }": { $videos } videos{ $place }
    }
cli-resuming = 
    { $videos ->
        [one] resuming { $batch } "{ $label }": { $videos } video{ $place }
       *[other] resuming { $batch } "{ $label }": { $videos } videos{ $place }
    }
cli-all-videos = all videos
cli-on-disk = on disk
cli-take-line = { $take } on { $account }: { $state }{ $why }
cli-lane-line = { $account }: { $health } — { $reason }
cli-stalled-batch = batch { $batch }: { $queued ->
    [one] 1 scene cannot
   *[other] { $queued } scenes cannot
} be started now ({ $reason })
cli-reconciled = { $account }: looked up { $n } create(s) whose answer was lost: { $found } found on the account (going on, not paid twice), { $absent } never made (queued again)
cli-demo-no-resume = a demo cannot be resumed
cli-resume-later = `flowdeck resume` continues later
cli-stopping = stopping: no new videos will be started; bringing home the { $flying } in flight (Ctrl-C again to quit now; { $later })
cli-col-account = account
cli-col-taken = taken
cli-col-on-disk = on disk
cli-col-failed = failed
cli-col-mib = MiB
cli-videos-on-disk = { $done } of { $total } videos on disk{ $place }
cli-in-folder = {" "}in { $folder }
cli-looked-up = Looked up { $n } create(s) whose answer was lost: { $found } found on the account (not paid twice), { $absent } never made (made now).
cli-heading-failed = Failed:
cli-heading-uncertain = Uncertain (sent, but no answer came back; look in the account before retrying, a retry costs again):
cli-heading-timed-out = Timed out (kept; `flowdeck resume` checks them again):
cli-heading-other = Not finished ({ $state }):
cli-failed-take = { $take } on { $account } "{ $prompt }": { $why }
cli-try-again = To try again: flowdeck retry { $takes }
cli-stopped-demo = Stopped. (A demo cannot be resumed: its simulator is gone.)
cli-stopped = Stopped. Everything is in the ledger: `flowdeck resume` continues.
cli-stalled-demo = Stalled: { $why }
cli-stalled = 
    Stalled: { $why }
    The rest stays queued: `flowdeck resume` continues later.

## The command line: settings, ledgers, asking before spending again
cli-no-demo-ledger = no demo ledger at { $file }: run `flowdeck run --demo FILE` (or the window's demo) first
cli-demo-ledger-unreadable = cannot open the demo ledger at { $file }: { $error }
cli-ledger-unreadable = cannot open the ledger at { $file }: { $error }
cli-where-things-live =
    Where things live on this machine:
      settings  { $settings }
      data      { $data }  (ledger, logs)
      videos    { $videos }  (unless the settings or --out say otherwise)
      extension { $extension }  (chrome://extensions → Developer mode → Load unpacked)
    FLOWDECK_CONFIG and FLOWDECK_DATA_DIR move the first two.
cli-where-things-live-unknown = Where things live: { $error }
cli-extension-not-found = not found beside this flowdeck (see README, "Install the extension")
cli-no-command = no command given; `flowdeck` alone opens the window; see `flowdeck --help`
cli-refused-for-policy = refused for the service's policy
cli-refused-take = take { $take } (scene { $scene }, copy { $copy }): { $reason }
cli-spend-again =
    { $takes ->
        [one] 1 take was refused for the service's policy:
       *[other] { $takes } takes were refused for the service's policy:
    }
    { $list }Sending again costs { $price } and is likely to be refused again unless the prompt changed.
cli-spend-again-yes = Add --yes to send them again anyway.
cli-send-again = Send again? [y/N]
cli-answer-yes = y, yes
cli-nothing-sent = nothing was sent
cost-credits = { $credits } credits
cost-and = and
cost-usual-price = the account's usual price again
cost-about = about { $sum }
cost-about-some-unknown = about { $sum } (and { $unknown } at a price flowdeck does not know)

## The command line: batches, takes, runs; revising and upscaling
no-such-batch = there is no batch { $batch }
no-such-take = there is no take { $take }
take-no-account = take { $take } has no account on record
cannot-write = cannot write { $file }: { $error }
revise-empty = say how to change the video: the instruction is empty
revise-not-finished = take { $take } is { $state }; only a finished video can be revised
revise-not-omni = take { $take } cannot be revised: only videos made with Gemini Omni on the Gemini API can
upscale-sizes = an upscale is to 1080p or 4K, not { $size }
upscale-not-finished = take { $take } is { $state }; only a finished video can be upscaled
upscale-not-flow = take { $take } cannot be upscaled: only 720p videos made on Flow can (Gemini and Vertex make 1080p and 4K directly: choose the resolution when generating)
status-take = take
status-scene = scene
status-copy = copy
status-state = state
status-account = account
status-file-or-reason = file or reason
status-no-batches = No batches yet.
status-batch = batch
status-label = label
status-takes = takes
status-done = done
status-failed = failed
status-unsettled = unsettled
cli-demo-failed = cannot start the demo simulator: { $error }
cli-no-accounts = no accounts are set up in { $file }: pair a Flow account's browser with `flowdeck bridge pair NAME`, add a Gemini account with `flowdeck accounts add NAME --provider gemini`, or try `flowdeck run --demo`
cli-no-usable-account =
    no account can be used:
    { $list }
cli-browser-missing = { $account }: its browser is not connected, so it takes no work until it is (open the browser profile paired with { $account }; the extension connects by itself)
cli-skipping-account = skipping account { $account }: { $reason }
cli-account-unusable = account { $account } cannot be used: { $reason }
cli-demo-after = This was a demo against a simulator: a prompt with #unsafe in it (the sample file has one) is refused on purpose, to show how a refusal looks. Its ledger is in { $folder } until the next demo: `flowdeck status --demo` lists it.
cli-nothing-to-resume = Nothing to resume: every batch in the ledger is finished.
cli-retry-what = name the takes to retry, or --batch N for its failed ones
cli-its-account = its account
cli-retry-uncertain = take { $take } was sent before and may exist on { $account }; sending it again can cost credits again
cli-take-error = take { $take }: { $error }

## The command line: accounts
cli-secret-pairing = the pairing secret
cli-secret-gemini = the Gemini API key (from aistudio.google.com/apikey)
cli-secret-vertex = the credentials
cli-paste-secret = Paste { $what } for { $account }:
cli-secret-unreadable = cannot read the secret: { $error }
cli-secret-stdin-unreadable = cannot read the secret from standard input: { $error }
cli-no-secret = no secret was given
cli-account-exists = there is already an account "{ $account }"; use --replace to give it a new secret
cli-not-an-email = "{ $email }" is not an email address
cli-vertex-only-flag = { $flag } is for Vertex accounts (--provider vertex)
cli-note = note: { $note }
cli-env-not-set = note: { $var } is not set now; set it before running flowdeck
cli-account-saved = Account { $account } saved in { $file }.
cli-connect-browser = Now connect its browser (Chrome with the flowdeck extension, signed in to that Google account): flowdeck bridge pair { $account }
cli-the-keyring = the keyring
cli-account-saved-secret = Account { $account } saved in { $file } (secret in { $place }).
cli-check-it = Check it with: flowdeck accounts check { $account }
cli-no-accounts-yet = No accounts. Add one with `flowdeck accounts add NAME`.
cli-col-name = name
cli-col-provider = provider
cli-col-secret = secret
cli-col-email = email
cli-col-enabled = enabled
cli-secret-key-file = key file
cli-secret-command = command
cli-keyring = keyring
cli-yes = yes
cli-no = no
no-such-account = there is no account "{ $account }"
cli-keyring-not-removed = note: the keyring entry could not be removed: { $error }
cli-account-removed = Account { $account } removed.
cli-no-accounts-to-check = no accounts to check; add one with `flowdeck accounts add NAME`
cli-browser-connected = browser connected
cli-makes = makes: { $models }
cli-makes-from = makes: { $models } (as Flow's { $from } says)
cli-makes-built-in = makes: flowdeck's built-in model list ({ $from }: Flow did not say which models this account has; its answer to the first video decides)
cli-check-warning = warning: { $rpc } did not answer as flowdeck reads it ({ $detail }); flowdeck goes on without it
cli-vertex-flags = Vertex accounts take --project, --location, --credentials or --token-command (not --secret-env, --project-id or --email)
cli-key-file-is = Key file { $file } is service account { $email }.

## The command line: doctor and pairing
doctor-works = works: { $detail }
doctor-works-warned = works: { $detail }. Warning: { $reads } did not answer as flowdeck reads it; flowdeck goes on without it (with its built-in model list, where models are concerned) and lets Flow's own answers decide (details in `flowdeck doctor --json`)
doctor-protocol = Flow protocol table { $version } (built in)
doctor-protocol-override = Flow protocol table { $version }, with your changes from { $file }
flow-protocol-override-bad = the Flow protocol override cannot be used: { $error }. Fix it or remove the file (flowdeck then uses the table it was built with)
doctor-signed-out = signed out: { $detail }
doctor-not-checked = not checked: { $detail }
doctor-unknown-shape = the service answered in a shape flowdeck does not know ({ $detail }); it may have changed: please report it (the output of `flowdeck doctor --json`, which holds no secret) to flowdeck's issue tracker
doctor-unreachable = could not check now: { $detail }
doctor-refused = cannot make videos: { $detail }
cli-doctor-none-passed = no account passed `flowdeck doctor` ({ $accounts }); nothing was sent. Fix them, or run with --skip-doctor to send anyway
cli-doctor-skipping = skipping account { $account }: it did not pass `flowdeck doctor`
cli-pair-not-flow = "{ $account }" is a { $provider } account; only Flow accounts pair a browser
cli-pair-env-unset = account "{ $account }" keeps its pairing secret in ${ $var }, which is not set; set it to a long random value (e.g. `openssl rand -hex 32`) and pair again
cli-pair-env-short = ${ $var } is too short for a pairing secret (use 32 random hex digits or more)
cli-pair-no-keyring = no keyring is available ({ $why }), so the pairing would be lost when this command ends. Give the account a secret_env variable holding a random secret (e.g. `openssl rand -hex 32`) and pair again
cli-pair-open = Open this in the browser profile for { $account }: { $url }
cli-pair-open-yourself = { $error }; open the URL yourself
cli-pair-unknown-account = an account the extension could not read yet
cli-paired = Paired { $account }: that browser is signed in to Google as { $who }.
cli-pair-wrong-account = Warning: { $account } expects { $want }. flowdeck sends nothing for { $account } until that browser is signed in as { $want } (or change the account's email in { $file }).
cli-waiting-for-browsers = waiting up to { $seconds } s for the browsers of { $accounts } (Chrome with the flowdeck extension)…

## The command line: the simulator
sim-seconds = { $flag } must be a positive number of seconds
sim-rate = { $flag } is a rate between 0 and 1, not { $value }
sim-cannot-listen = cannot listen on port { $port }: { $error }
sim-title = flowdeck simulator of Flow (flow.google.com, batchexecute) and the Gemini API
sim-cdn = signed-URL CDN: { $url }
sim-report = report:         { $url }
sim-flow-accounts =
    Flow accounts: open the sign-in link in the account's browser profile (with the
    flowdeck extension), then `flowdeck bridge pair NAME` in it:
sim-gemini-accounts = Gemini accounts (the simulator's own made-up API keys, printed to be pasted):
sim-ctrl-c = Ctrl-C stops it.
sim-no-ctrl-c = cannot wait for Ctrl-C: { $error }

## The command line's --help (clap reads the doc comments; these replace them)
help-about = flowdeck: scene prompts in, videos out (Flow's Veo, Gemini Omni), over several accounts at once.
help-arg-config = Settings file (default: the platform's config folder, or FLOWDECK_CONFIG).
help-arg-verbose = Log more on standard error: -v info, -vv debug.
help-arg-demo = Open the window against a built-in simulator with three demo accounts.
help-arg-theme = The window's theme for this run: system, light or dark.
help-arg-lang = The language of the window and of this output: en or vi (default: the setting, else the system's).
help-arg-help = Print help
help-arg-version = Print version
help-cmd-run = Generate videos for every scene in a prompt file.
help-cmd-resume = Continue unfinished batches from the ledger.
help-cmd-retry = Retry takes: fetch a failed download again, or send a failed take again (this costs credits again, so it happens only when asked).
help-cmd-status = List batches and their takes from the ledger.
help-cmd-export = Write a batch's results (prompt, state, reason, file, account, seed, remote ids) as CSV.
help-cmd-revise = Revise a finished Gemini Omni video with a new instruction (a new video on the same account; it costs credits like any other).
help-cmd-upscale = Upscale a finished Flow video to 1080p or 4K (a new video on the same account, next to the original; 4K costs 50 credits).
help-cmd-doctor = Check, without spending anything, that each account still works the way flowdeck expects (read-only calls; one verdict per account).
help-cmd-accounts = Add, list, rename, remove or check accounts.
help-cmd-bridge = The browser bridge: pair a Flow account's browser profile.
help-cmd-sim = Run a local simulator of Flow and the Gemini API, and print its accounts.
help-run-prompts = Prompt file: .txt (a scene per line), .csv, .json or a spreadsheet (.xlsx, .ods). With --demo it may be left out: the built-in sample is used.
help-run-out = Output folder (default: [output] dir in the settings, or Videos/flowdeck; a demo's videos stay in its own folder).
help-run-accounts = Only these accounts, comma-separated.
help-run-model = Model: veo-3.1-fast (the default; omni-flash in the demo), veo-3.1, veo-3.1-lite, omni-flash, veo-3-fast, or a provider's own id.
help-run-aspect = landscape (16:9) or portrait (9:16).
help-run-copies = Videos per scene.
help-run-duration = Seconds per video (8 when absent). Which lengths a model offers differs: Flow's Veo makes 8; Omni Flash 3 to 10, or more where the key's model list says so.
help-run-resolution = 360p, 720p, 1080p or 4k (which ones depend on the model and the account).
help-run-seed = A fixed seed (copy i gets seed + i); random when absent.
help-run-sequential = One video at a time, in order.
help-run-paragraphs = In .txt files, blank lines separate scenes (a scene may span lines).
help-run-json = Print one JSON event per line instead of progress bars.
help-run-demo = Run against a built-in simulator with three demo accounts (no Google account needed).
help-run-skip-doctor = Do not run `flowdeck doctor`'s read-only checks first (accounts that fail them are otherwise left out).
help-resume-json = Print one JSON event per line instead of progress bars.
help-retry-takes = Takes to retry, by id (see `flowdeck status --batch N`).
help-retry-batch = Retry every failed take of this batch.
help-retry-json = Print one JSON event per line instead of progress bars.
help-retry-yes = Send takes the service refused for its policy again without asking (each costs again).
help-status-batch = Show the takes of this batch.
help-status-json = Print JSON.
help-status-demo = The last demo's ledger instead of yours.
help-export-batch = The batch (its number in `flowdeck status`).
help-export-out = Where to write (default: batch-N-results.csv in the batch's video folder); `-` for standard output.
help-export-demo = The last demo's ledger instead of yours.
help-revise-take = The finished take to revise, by id (see `flowdeck status --batch N`).
help-revise-instruction = What to change, e.g. "make it night, keep the camera move".
help-revise-copies = Videos to make from the instruction.
help-revise-json = Print one JSON event per line instead of progress bars.
help-upscale-take = The finished take to upscale, by id (see `flowdeck status --batch N`).
help-upscale-to = 1080p, or 4k (4K costs 50 credits).
help-upscale-json = Print one JSON event per line instead of progress bars.
help-doctor-names = Only these accounts (all when none are named).
help-doctor-json = One JSON object per account instead of lines.
help-cmd-accounts-add = Add an account. A Gemini API key is read from standard input (or --secret-env at run time); a Flow account is then connected to its browser with `flowdeck bridge pair`; a Vertex account names its project and key file (or uses gcloud's credentials).
help-cmd-accounts-list = List the accounts.
help-cmd-accounts-remove = Remove an account and its keyring entry.
help-cmd-accounts-check = Check accounts: a Flow account's browser, who it is signed in as, plan and credits; a Gemini key and its models; a Vertex project's credentials and models (all accounts when none is named).
help-accounts-add-secret-env = Read the secret from this environment variable when running, instead of the keyring.
help-accounts-add-project-id = Put videos into this existing Flow project.
help-accounts-add-email = Flow: the Google account its browser must be signed in as.
help-accounts-add-concurrency = Videos generating at once on this account.
help-accounts-add-replace = Replace the secret of an existing account ("sign in again").
help-accounts-add-project = Vertex: the Google Cloud project that runs and bills the videos.
help-accounts-add-location = Vertex: the region (default us-central1), or global.
help-accounts-add-credentials = Vertex: a service-account key file (only its path is kept). Application Default Credentials when neither this nor --token-command is given.
help-accounts-add-token-command = Vertex: a command that prints an access token, e.g. "gcloud auth print-access-token".
help-accounts-add-storage-uri = Vertex: write this account's videos to gs://bucket/prefix (downloaded from there).
help-cmd-bridge-pair = Pair a browser profile (with the flowdeck extension) with a Flow account.
help-bridge-pair-name = The Flow account; it is added when it does not exist yet.
help-bridge-pair-no-open = Print the pairing URL without opening it in the default browser.
help-bridge-pair-timeout = Give up after this many seconds.
help-sim-port = Port of the Flow-like origin and the Gemini API's routes.
help-sim-cdn-port = Port for the signed-URL CDN (0 = any free port).
help-sim-accounts = Number of accounts.
help-sim-gemini-accounts = Gemini API accounts (API keys) next to the Flow ones.
help-sim-generation-secs = Seconds from create to a finished video.
help-sim-credits = Credits per account.
help-sim-plan = Flow plan of every account: 1 free, 2 Pro, 3 Ultra.
help-sim-video-bytes = Size of every video in bytes (default: a small real clip).
help-sim-poll-5xx = Rate of status calls answered with 5xx (0–1).
help-sim-create-429 = Rate of create calls refused as throttled (0–1).
help-sim-refuse-token = Rate of Flow creates whose reCAPTCHA token is refused as unusual activity (0–1).
help-sim-lost-answer = Rate of Flow creates that are made but whose answer is lost (0–1).
help-sim-create-5xx = Rate of Gemini and Vertex creates that are made but answered with a 503 (0–1).
help-sim-cut-downloads = Rate of downloads cut part-way (0–1).
help-sim-quiet-cuts = Rate of whole downloads that stop half-way with no length and no error (0–1).
help-sim-slow = Rate of slow answers (0–1), each delayed by --slow-ms.
help-sim-seed = Seed for the fault dice.

## --help: arguments the code had no words for, and clap's help command
help-accounts-remove-name = The account to remove.
help-accounts-check-names = The accounts to check (all when none is named).
help-accounts-add-name = The account's name in flowdeck (letters, digits, - and _).
help-accounts-add-provider = Where the account makes videos: flow, gemini or vertex.
help-sim-slow-ms = How long a slowed answer waits, in milliseconds.
help-cmd-help = Print this message or the help of the given subcommand(s)

## --help: clap's headings
help-usage = Usage:
help-heading-arguments = Arguments
help-heading-options = Options
help-heading-commands = Commands

## The command line: account checks
cli-check-ok = ok
cli-check-fail = FAIL

## Examples in empty fields
compose-prompt-file-example = /path/to/prompts.csv
accounts-cloud-project-example = my-project-id

## Why a call to a service failed (the service's own words stay as it said them)
error-unauthorized = the access token was refused
error-sign-in-again = this account must sign in again: { $why }
error-account-denied = this account is not allowed to generate: { $why }
error-captcha = reCAPTCHA: { $why }
error-throttled-wait = throttled by the service ({ $why }); retry after { $seconds } s
error-throttled = throttled by the service ({ $why })
error-quota = out of credits or quota: { $why }
error-policy = { $message } ({ $code })
error-invalid = the service rejected the request: { $why }
error-not-found = not found: { $why }
error-transient = temporary failure: { $why }
error-no-answer = no answer from the service: { $why }
error-unexpected = unexpected response (HTTP { $status }): { $excerpt }
error-file = file error: { $error }

## The engine: batches, chains, takes
chain-broken = scene { $scene } (take { $take }), which it continues, { $what }
chain-no-account = has no account on record
chain-failed = failed
chain-timed-out = timed out
chain-canceled = was canceled
chain-uncertain = may not exist (uncertain)
chain-no-file = take { $take } has no file on record
chain-no-last-frame = the last frame of scene { $scene } cannot be taken: { $error }
chain-no-remote = take { $take } has no remote handle on record
frame-reader-stopped = the frame reader stopped ({ $error })
chain-not-earlier = it continues scene { $scene }, but a scene can only continue an earlier one (1 to { $last })
chain-same-way = it continues scene { $scene }, so it is made the same way: { $model } { $aspect } (it says { $its_model } { $its_aspect })
chain-no-pictures = it continues scene { $scene }, so it starts from that video and takes no pictures of its own
chain-not-revision = a revision cannot also continue a scene
continues-scene = continues scene { $scene }
batch-folder-unresolved = the output folder { $folder } cannot be resolved: { $error }
batch-no-scenes = the batch has no scenes
batch-empty-prompt = scene { $scene } has an empty prompt
batch-copies = scene { $scene }: copies must be 1 to 4
batch-scene-error = scene { $scene }: { $error }
batch-no-accounts = there are no accounts to run it
batch-made-from = { $model } { $aspect } from { $from }
batch-no-account-can = scene { $scene }: no chosen account can make { $what }: { $reasons }
batch-template = file-name template: { $error }
batch-folder-create = cannot create the output folder { $folder }: { $error }
batch-folder-unwritable = the output folder { $folder } is not writable ({ $error }); nothing was sent
take-stopped-while-sending = flowdeck stopped while sending this take; it may exist on the account, so it is not sent again automatically
stall-no-account = no account can run it

## The engine: polling, downloads, lanes, set-up
poll-forgotten = the service no longer knows this video ({ $why })
poll-canceled = the service cancelled this video
poll-deadline = still not finished at the deadline; kept, and can be checked again later
download-name-escapes = the file name { $name } leaves the output folder
download-interrupted = download interrupted: { $error }
download-wrong-size = it is { $bytes } bytes, not { $expected }
download-check-failed = checking the file failed: { $error }
download-not-whole = the downloaded file is not a whole MP4: { $why }; fetching it again
download-unwritable = cannot write the video into { $folder } ({ $error }); the video still exists: make the folder writable or free some space, then retry to fetch it again
download-gave-up = download failed { $times } times ({ $error }); the video still exists: retry to fetch it again
lane-credentials-refused = the service refused the account's credentials
lane-interrupted = sending was interrupted by an internal error ({ $error }); it may exist on the account, so it is not sent again automatically
lane-absent-too-often = sent { $times } times and never found in the account's Flow project afterwards; flowdeck stops sending it (Retry sends it again)
lane-project-gone = the Flow project it was sent to no longer exists (deleted in Flow?), so whether it was made cannot be checked; flowdeck does not send it again by itself (Retry sends it again)
lane-panics = flowdeck hit an internal error on this account { $times } times (last: { $error }); it takes no new work. Please report it, with the log
submit-ledger-failed = the ledger failed while sending: { $error }
submit-fewer-videos = the service answered with fewer videos than asked; this one may exist
doctor-no-answer = no answer within { $seconds } s
setup-flow-no-secret = Flow accounts have no secret to type: pair the account's browser with `flowdeck bridge pair NAME` (or "Connect a browser" in the window)
setup-vertex-no-secret = Vertex accounts keep no secret in flowdeck: name a service-account key file (credentials = "…"), a token command, or use Application Default Credentials
setup-no-bridge = Flow accounts need the browser bridge, which is not running
setup-not-paired = no browser is paired with this Flow account yet: run `flowdeck bridge pair { $account }` (or "Connect a browser" in the window)
setup-no-such-account = there is no account "{ $account }" in the settings

## A scene's pictures
inputs-text = text only
inputs-start = a start image
inputs-start-end = start and end images
inputs-references =
    { $count ->
        [one] a reference image
       *[other] { $count } reference images
    }
inputs-video = an earlier video
inputs-extend = the end of an earlier scene (a chain)
inputs-end-needs-start = an end image needs a start image too
inputs-too-many-references = { $count } reference images: at most { $most } per scene
inputs-not-both = a scene takes either start/end images or reference images, not both
inputs-start-file = start: { $file }
inputs-end-file = end: { $file }
inputs-reference-files = references: { $files }

## Models, aspects, resolutions
model-unknown-aspect = unknown aspect ratio "{ $value }": use landscape (16:9) or portrait (9:16)
model-name-empty = the model name is empty
model-not-a-name = "{ $value }" is not a model name
model-unknown-resolution = unknown resolution "{ $value }": use 360p, 720p, 1080p or 4k

## Reading prompt files and pictures
picture-not-image = not a PNG, JPEG or WebP image
picture-damaged = a damaged image (its size cannot be read)
picture-too-small = { $width }×{ $height } pixels is too small: each side must be at least { $least }
import-no-file = there is no file at { $file }
import-cannot-read = cannot read { $file }: { $error }
import-not-a-file = { $file } is not a file
import-image-too-large = { $file } is { $mb } MB; images must be at most { $most } MB
import-sheet-unreadable = cannot read the spreadsheet ({ $error }); save it again as .xlsx and retry
import-first-sheet-unreadable = cannot read the first sheet: { $error }
import-no-sheets = the spreadsheet has no sheets
import-cell-error = the cell holds the error { $error }: fix its formula
import-row = row { $row }
import-line = line { $line }
import-line-row = line { $line } (row { $row })
import-line-column = line { $line }, column { $column }
import-item = item { $item }
import-bad-json = not valid JSON: { $error }
import-json-shape = expected an array of scenes or {"{"}"scenes": [...]{"}"}
import-json-no-prompt = the scene has no "prompt"
import-json-value = "{ $key }" must be text or a number
import-json-scene = a scene must be a string or an object
import-csv-quote = a quote opens here and is never closed, so every line after it would be read as one prompt: close the quote (write "" for a quote inside a quoted prompt)
import-csv-header = cannot read the header row
import-file-unreadable = cannot read the file: { $error }
import-not-utf8 = the file is not valid UTF-8 (save it as UTF-8 and try again)
import-unknown-type = unknown prompt file type ".{ $ext }": use .txt, .csv, .json or a spreadsheet (.xlsx, .ods)
import-kinds = .txt, .csv, .json or a spreadsheet (.xlsx, .ods)
import-no-prompts = the file holds no prompts
import-continues-itself = scene { $scene } continues itself: a scene can only continue an earlier one
import-continues-later = scene { $scene } continues scene { $later }, which comes later: a scene can only continue an earlier one
import-empty-prompt = the prompt is empty
import-copies = copies must be 1 to 4, not "{ $value }"
import-duration = duration must be 4, 6 or 8 seconds, not "{ $value }"
import-continue = continue must name an earlier scene by number, not "{ $value }"
import-seed = seed must be a whole number from 0 to 2147483647, not "{ $value }"
import-unknown-column = unknown column "{ $column }"
import-chain-no-images = a scene that continues another starts from its video and takes no images
import-no-prompt-column = the header row has no "prompt" column
import-unknown-column-known = unknown column "{ $column }"; known: { $known }
import-no-heading = "{ $value }" is in column { $column } which has no heading: name the column or clear the cell

## The settings file
config-unreadable = cannot read the settings: { $error }
config-not-utf8 = the file is not valid UTF-8
config-not-url = [{ $section }] { $key } "{ $url }" is not an http(s) URL
config-same-name = two accounts are named "{ $account }"
config-secret-env = account "{ $account }": secret_env is not a variable name
config-email = account "{ $account }": email is not an email address
config-concurrency = account "{ $account }": concurrency must be 1 to 32
config-account-error = account "{ $account }": { $error }
config-cannot-write = cannot write: { $error }
config-cannot-create-folder = cannot create the folder: { $error }
config-cannot-replace = cannot replace the file: { $error }
config-unknown-provider = unknown provider "{ $value }": use flow, gemini or vertex
config-vertex-both = give credentials (a key file) or token_command, not both
config-vertex-empty-path = credentials is an empty path
config-vertex-empty-command = token_command is empty
config-vertex-secret-env = secret_env is not used by Vertex accounts: name a key file with credentials, or use Application Default Credentials
config-name-empty = an account has an empty name
config-name-long = account name "{ $account }" is longer than 40 characters
config-name-chars = account name "{ $account }" may hold only letters, digits, spaces and - _ . @
config-unknown-theme = unknown theme "{ $value }": use system, light or dark

## Flow: refusals, the account, the browser
flow-policy-unsafe = Google's safety filter refused this prompt or its video
flow-policy-sexual = Refused as sexual content
flow-policy-violence = Refused as too violent
flow-policy-danger = Refused as dangerous content
flow-policy-minor = Refused because it appears to involve minors
flow-policy-reputation = Refused because it may harm someone's reputation
flow-policy-famous = Refused because it names or shows a well-known person
flow-policy-ip = Refused because it may show protected characters, brands or logos
flow-policy-audio = The audio was filtered, so no video was delivered
flow-policy-animal = Refused: describe the animal more precisely
flow-policy-english = Refused: this model needs an English prompt
flow-policy-too-long = Refused: the prompt is too long
flow-policy-other = Google refused this prompt ({ $code })
flow-account-unavailable = Flow is not available to this account
flow-account-region = Flow is not available in this account's region
flow-account-minor = Flow is not available to accounts of minors
flow-account-refused = the account was refused
flow-quota = { $code }: the account has no credits or quota left
flow-model-quota = this account reached its daily limit for this model on Flow ({ $code }); nothing was made or charged. The model waits for the next reset (midnight UTC) on this account while other models and accounts carry on
flow-model-denied = Flow does not let this account use this model ({ $code }); nothing was made or charged. Its scenes go to accounts that may use it
flow-model-not-for-account = Flow refused this account the model family { $family }; its scenes go to other accounts
flow-model-resting = this account reached its daily limit for the model family { $family }; it can use it again in { $minutes } min (midnight UTC)
flow-flagged = Flow flagged unusual activity on this account and refused the request (nothing was created or charged). flowdeck holds the account: wait a while, open Flow in that browser to check the account is fine, then resume it ({ $code })
flow-tab-not-ready = the Flow tab did not get ready in time: { $why }
flow-waiting-browser = waiting for the browser: open the browser profile paired with this account (with the flowdeck extension)
flow-wrong-google-account = the browser paired with this account is signed in to Google as { $actual }, not { $expected }: sign in as { $expected } in that browser profile, or pair the right one
flow-unknown-google-account = cannot tell which Google account the browser is signed in to (expected { $expected }); nothing is generated until it says

## What each service can make
flow-720p-only = Flow makes 720p videos; { $resolution } needs Flow's upscaling step, which flowdeck does not do yet: choose 720p, or use a Gemini API account
flow-durations = Flow makes { $model } videos of { $allowed } seconds on a { $plan } plan, not { $seconds }
flow-retired-model = Flow no longer offers { $model }; choose veo-3.1-fast, veo-3.1, veo-3.1-lite or omni-flash
flow-no-short-portrait = Flow has no { $seconds }-second portrait key; choose 8 seconds or landscape
flow-not-a-key = "{ $key }" is not a Flow model key (Flow keys look like veo_3_1_t2v_fast)
flow-unknown-key = "{ $key }" is not a Flow model key flowdeck knows: choose veo-3.1-fast, veo-3.1, veo-3.1-lite or omni-flash, or a key such as veo_3_1_t2v_fast or abra_t2v_8s
flow-key-duration = with a raw Flow key ({ $key }), choose the duration through the key
flow-key-portrait = the Flow model key { $key } makes portrait video but landscape was asked for
flow-image-durations = Flow makes { $model } videos from { $from } of { $allowed } seconds, not { $seconds }
flow-key-references = reference images
flow-key-mismatch = the Flow key { $key } makes video from { $from }, but the scene has { $has }
flow-unknown-image-key = "{ $key }" is not a Flow image key flowdeck knows (such as veo_3_1_i2v_lite or abra_i2v_8s)
flow-image-key-unknown = Flow's key for { $model } from { $from } is not known to flowdeck yet: choose { $choose }
flow-choose-omni-or-landscape = omni-flash, or landscape
gemini-not-a-model = "{ $id }" is not a Gemini API video model (they look like gemini-omni-1.2-flash)
gemini-no-id = { $model } has no Gemini API id
omni-durations = { $id } makes { $lo } to { $hi } second videos, not { $seconds }
veo-durations = Veo makes 4, 6 or 8 second videos, not { $seconds }
model-no-resolution = { $id } does not make { $resolution }
gemini-pictures-omni-only = flowdeck sends { $what } to Gemini Omni only on the Gemini API (choose omni-flash)
gemini-no-veo2 = flowdeck does not run Veo 2 on the Gemini API
veo-size-needs-8 = { $resolution } needs 8 seconds on Veo (asked for { $seconds })
gemini-veo3-1080p = Veo 3 makes 1080p in landscape only
vertex-retired-model = { $model } was retired on Vertex AI on 2026-06-30: choose veo-3.1 or veo-3.1-fast
vertex-no-omni = flowdeck makes Omni Flash on Gemini API accounts, not on Vertex: choose veo-3.1 or veo-3.1-fast here, or run omni-flash on a Gemini account
vertex-not-a-model = "{ $id }" is not a Veo model on Vertex AI (they look like veo-3.1-generate-001)
vertex-no-video-input = Veo on Vertex AI makes no video from an earlier one in flowdeck (upscale or revise on Flow or the Gemini API)
vertex-no-extend = { $id } does not continue videos: choose veo-3.1 or veo-3.1-fast
vertex-extend-size = Veo continues a scene at 720p and 8 seconds (asked for { $resolution }, { $seconds } s)
vertex-no-references = { $id } takes no reference images: choose veo-3.1 or veo-3.1-fast
vertex-references-8 = reference images need 8 seconds on Veo (asked for { $seconds })

## Networks and Gemini's answers
net-not-found = { $host } could not be found: check the internet connection, or the address in the settings
net-refused = { $host } refused the connection: nothing is answering at that address
net-tls = a secure connection to { $host } could not be made (a certificate problem; a proxy or the clock?)
net-timeout = { $host } did not answer in time: check the internet connection
net-unreachable = { $host } cannot be reached from this network
net-other = { $host } could not be reached: check the internet connection
omni-no-video-filtered = the service finished without a video (blocked by a safety filter)
omni-no-video = no video was made: { $said }
omni-failed-no-reason = the service reported the video as failed without a reason
omni-cancelled = the interaction was cancelled
omni-incomplete = the service stopped before the video was complete
gemini-key-shape = this does not look like a Gemini API key (they look like AIza… and are 39 characters); it is kept, and the service will say whether it works
gemini-no-video-model = the key lists { $models } models and no video model flowdeck can use (Veo is served on Vertex AI now)
gemini-file-gone = the video file is gone: the Gemini API keeps generated videos for two days
storage-link-refused = the storage link was refused (HTTP { $status }); it is asked for again
storage-host-status = the storage host answered HTTP { $status }

## Vertex AI: access and credentials
vertex-api-disabled = the Vertex AI API is not enabled in { $project }: enable aiplatform.googleapis.com (console.cloud.google.com/apis/library/aiplatform.googleapis.com?project={ $project }) and try again ({ $said })
vertex-no-bucket = these credentials may not read the output bucket: grant the service account Storage Object Viewer (roles/storage.objectViewer) on it ({ $said })
vertex-no-project = these credentials may not use the project: grant the service account Service Usage Consumer (roles/serviceusage.serviceUsageConsumer) ({ $said })
vertex-no-access = these credentials may not use Vertex AI in the project: grant the service account Vertex AI User (roles/aiplatform.user) ({ $said })
vertex-credentials-rejected = the credentials were rejected: the token endpoint refused the { $what } (is the key revoked or the service account disabled?)
vertex-command-slow = the token command `{ $command }` ran for over a minute
vertex-command-failed = the token command `{ $command }` could not run: { $error }
vertex-command-no-token = the token command `{ $command }` printed no token ({ $status }){ $said }
vertex-key-file = key file { $file }
vertex-token-command = token command `{ $command }`

## The command line's own errors (clap's, put into words here)
help-default = default: { $value }
help-possible = possible values: { $values }
help-env = env: { $var }
clap-error = error:
clap-more = For more information, try '--help'.
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-command = unrecognized subcommand '{ $command }'
clap-invalid-value = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
clap-bad-value = invalid value '{ $value }' for '{ $arg }': { $why }
clap-missing = the following required arguments were not provided: { $args }
clap-missing-command = a subcommand is required
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-values = wrong number of values for '{ $arg }'
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-did-you-mean = tip: a similar one exists: '{ $suggestion }'

## The data folder, secrets, the browser bridge
lock-held = another flowdeck ({ $holder }) is already working on the data folder { $folder }; wait for it to finish or close it. `flowdeck status` shows the ledger meanwhile
lock-io = cannot lock the data folder { $folder }: { $error }
lock-another-process = another process
secret-env-missing = account "{ $account }": the variable { $var } (its secret_env) is not set
secret-missing = account "{ $account }" has no stored secret ({ $why }); add it again or set secret_env
secret-keyring = the keyring refused: { $why }
bridge-bind = the browser bridge cannot listen on 127.0.0.1:{ $port }: { $why } (is another flowdeck running? set [bridge] port to use another)
bridge-pairing-timed-out = pairing timed out: no browser completed it within { $seconds } s
bridge-stopped = the bridge stopped before pairing completed

## File-name templates
template-empty = the template is empty
template-unclosed = "{"{"}" without "{"}"}" in "{ $template }"
template-width = bad width in {"{"}{ $field }{"}"}: write it like {"{"}scene:03{"}"}
template-unknown = unknown placeholder {"{"}{ $field }{"}"}; known: { $known }
template-separators = use / to separate folders; \ and : are not allowed
template-outside = the template must stay inside the output folder (no leading /, no ..)
template-copies = the template needs {"{"}take{"}"} (or {"{"}seed{"}"}) so copies get their own files

## Reading a video's frames
frame-cannot-open = cannot open it ({ $error })
frame-cannot-read = cannot read it ({ $error })
frame-undecodable = the video could not be decoded
frame-not-mp4 = it is not an MP4 video this program reads ({ $error })
frame-no-parameters = its video has no parameters ({ $error })
frame-no-frames = its video track has no frames
frame-decoder = the decoder did not start ({ $error })
frame-unreadable = frame { $frame } cannot be read ({ $error })
frame-undecodable-at = frame { $frame } cannot be decoded ({ $error })
frame-png = cannot write a PNG ({ $error })

## The window: its title, pictures, accounts
title-progress = { $done }/{ $total } videos
frame-decoder-stopped = the decoder stopped ({ $error })
picture-undecodable = cannot decode it ({ $error })
account-exists = there is already an account "{ $account }"
accounts-keyring-not-removed = The keyring entry of { $account } could not be removed: { $error }
accounts-secret-fails = the new secret does not work: { $error }
accounts-read-from-env = { $account } is read from ${ $var }

## Waiting accounts
accounts-pairing-env = { $account } keeps its pairing secret in ${ $var }, which is not set (or shorter than 16 characters)
take-waits-for-account = take { $take } waits for account "{ $account }", which is not configured or not enabled

## Opening files
open-gone = { $file } is not there any more
no-file-dialog = this desktop has no file-dialog service: neither xdg-desktop-portal nor zenity
open-failed = cannot run { $program } to open { $target }: { $error }

## Accounts' kinds
tier-api-key = API key
demo-secrets-in-memory = demo accounts live in memory

## Aspects in the menu
aspect-landscape = landscape (16:9)
aspect-portrait = portrait (9:16)

## Joining words

## Issue 23 items 10–11: an extension holds the scenes before it; Vertex models a project offers
holds-scenes = holds scenes { $scenes }
vertex-model-not-offered = { $id } does not answer for project { $project } in { $location }: { $offered ->
    [none] no Veo model answers there; check the project and the model's availability in that region
   *[other] choose one that does ({ $offered }), or check the model's availability in that region
}

## Issue 23, item 8: answers flowdeck could not read, and `flowdeck report`
help-cmd-report = Write one file to attach to a bug report: the answers flowdeck could not read (kept redacted in the data folder), its version, the system and the kinds of account in use. Nothing is sent anywhere.
help-report-last = How many of the newest captures to put in.
help-report-out = Where to write (default: flowdeck-report-<time>.json in this folder).
cli-report-written = Wrote { $file }
cli-report-system = It holds flowdeck { $version } on { $os } and the kinds of account in use ({ $providers }); no account's name, e-mail address or secret.
cli-report-no-providers = none
cli-report-captures = It holds { $count ->
        [one] the newest answer
       *[other] the { $count } newest answers
    } flowdeck could not read ({ $kept } kept in { $folder }), from { $first } to { $last }: for each, the call, its route, the HTTP status, the time, what flowdeck made of it, and the request and the answer.
cli-report-removed = Removed from them: cookies, tokens, the page's `at`, reCAPTCHA tokens, API keys, signatures, every link's query (where signed links keep their signature) and e-mail addresses.
cli-report-prompts-hidden = Prompts and other free text are replaced by their length (to include prompts, set include_prompts = true under [report] in the settings).
cli-report-prompts-included = Prompts are included, as the settings ask ([report] include_prompts = true).
cli-report-no-captures = No answer has surprised flowdeck yet ({ $folder } holds none), so it holds only the version, the system and the kinds of account. When Flow answers in a shape flowdeck does not know, a redacted copy is kept there for this report.
cli-report-nothing-sent = Nothing was sent anywhere: read it, then attach it to your bug report.
cli-report-cannot-write = cannot write { $file }: { $error }

## Issue 23 D and 4: several Google accounts in one browser; "Confirm it's you"
health-needs-you = needs you: open Flow in this browser
flow-account-unclear = cannot tell which of the browser's Google accounts the Flow tab is ({ $why }): open Flow in that browser under the paired account's own address (…/u/1/… for a second account) and close the other Flow tabs; nothing was sent
flow-needs-you = Google sent this browser's Flow tab to { $place } ("Confirm it's you", or an account or region check): open Flow in this browser and finish it; this account gets no work until the page is normal again, then it carries on by itself
flow-page-lost = the call may have reached Flow before the browser lost it ({ $what }: { $why }); it is looked up in the account's project, never sent again blindly

## Issue 22 items 10-12: other users of this machine (the demo's folder, lock files)
demo-no-cache-folder = cannot find a cache folder for the demo (there is no home folder): set XDG_CACHE_HOME
demo-folder-io = cannot prepare the demo folder { $folder }: { $error }
demo-folder-foreign = the demo folder { $folder } is a link or belongs to another user: flowdeck will not use it. Remove it, or set XDG_CACHE_HOME to a folder of your own
demo-running = another demo ({ $holder }) is running and keeps its folder { $folder } until it ends: close it first. `flowdeck status --demo` shows its ledger meanwhile
demo-holder-window = the demo window
lock-link = { $file } is a symbolic link: flowdeck does not follow it (it would write wherever the link points). Remove it and start again

## Issue 22 items 3-6: pairing only with flowdeck (a check code typed into the extension's popup), calls the extension refuses
cli-pair-check = Then click the flowdeck extension's icon in that browser and type this code into its popup: { $code } (only this terminal shows it; a page that shows you a code to type is not flowdeck's)
accounts-connect-code = Then click the flowdeck extension's icon in that browser and type this code into its popup:
flow-not-allowed = the flowdeck extension in that browser refused the call: { $why }

## Issue 22, items 7–9: files people give flowdeck (spreadsheets, prompt limits, video decoding)
import-prompt-too-long = the prompt is { $chars } characters long; the longest any video service accepts is { $most } (Veo's 1,024 tokens): shorten it or split the scene
import-too-many-scenes = more than { $most } scenes in one file: split it into smaller batches
import-scene-too-long = more than { $kib } KiB without the end of a scene, far more than one needs (a prompt holds at most { $most } characters): the file is cut wrong, or is not a prompt file
import-csv-quote-long = a quote opens here and does not close within { $kib } KiB, far more than a scene needs (a prompt holds at most { $most } characters): close the quote (write "" for a quote inside a quoted prompt)
import-in-column = column { $column }: { $why }
import-sheet-too-large = the spreadsheet is { $mb } MB; flowdeck reads spreadsheets of at most { $most } MB (a 10,000-scene sheet takes a few)
import-sheet-too-many-cells = the first sheet fills more than { $most } cells, more than 10,000 scenes need: keep only the scenes on it
import-sheet-many-parts = cannot read the spreadsheet: it holds { $parts } parts, and one holds at most { $most }
import-sheet-inflates = cannot read the spreadsheet: its part { $part } unpacks to more than { $most } MB, far more than any prompt sheet (a hostile or broken file?)
import-sheet-reader-stopped = the reader stopped on it
import-sheet-not-a-sheet = the zip holds no Excel or OpenDocument workbook
import-xls-broken = its container is broken (a part points outside the file)
import-xls-loop = its container is broken (a chain of parts loops back on itself)
import-xls-no-workbook = it holds no workbook
import-xls-too-wide = its sheets span more than { $most } cells (two filled cells far apart make a rectangle that large): keep only the scenes, or save it again as .xlsx
compose-paste-too-long = not pasted: line { $line } of the text is { $chars } characters long, and the longest prompt any video service accepts is { $most }
compose-paste-too-many = not pasted: the text holds more than { $most } prompts, more than one batch takes; paste fewer
frame-too-slow = decoding it took longer than { $seconds } s, far longer than a real video takes: it is damaged or crafted
frame-too-many = its video track claims { $frames } frames; flowdeck decodes at most { $most } to reach one frame
frame-table-too-big = its frame table claims { $claimed } bytes of frames, but the file holds { $held }: it is damaged or crafted
frame-no-frame = no frame could be decoded

## Messages the engine, the providers and the store make (issue 25 move 3)
flow-signed-out = Flow says this browser is signed out: sign in to Flow again in that browser profile
flow-account-code = { $why } ({ $code })
flow-failed-code = Flow failed ({ $code })
flow-failed-after-taking = Flow failed after taking the request ({ $rpc }: { $code })
flow-invalid-argument = Flow refused the request ({ $rpc }: INVALID_ARGUMENT): Google's safety filter may have refused the prompt, or Flow changed its request format
flow-not-found-after-taking = Flow answered NOT_FOUND to { $rpc } after taking the request; the video may still have been made
flow-not-found = Flow does not know it ({ $rpc }: NOT_FOUND)
flow-permission-denied = Flow refused this account ({ $rpc }: PERMISSION_DENIED)
flow-failed-handling = Flow failed while handling the request ({ $rpc }: code { $code })
flow-stale-page-token = the Flow tab's session token was refused even after reloading it (HTTP 400 xsrf): open Flow in that browser and check it is signed in
flow-http = Flow answered HTTP { $status }
flow-declined-silently = Flow declined the { $rpc } call silently (an empty answer)
flow-no-tab = no Flow tab could be opened: { $why }
flow-no-token = the Flow tab could not make a reCAPTCHA token ({ $why }); reload Flow in that browser
flow-browser-failed = the request failed in the browser: { $why }
bridge-not-connected = the browser for { $account } is not connected to flowdeck
bridge-disconnected = the browser disconnected before answering
bridge-no-answer = no answer from the browser within { $seconds } s
flow-request-not-flow = this take's request record is not a Flow one ({ $excerpt })
flow-family-not-offered = this Flow account is not offered { $model } (model family { $family }); it offers { $offers }
prompt-empty = the prompt is empty
flow-copies-range = Flow makes 1 to 4 videos per prompt, not { $copies }
flow-one-project-one-batch = the videos of one create must go to one project in one batch
flow-batch-not-recorded = this create's batch id was not recorded before sending
flow-images-not-one-request = the uploaded images do not make one request
flow-images-disagree = the scene's images and what was prepared for it disagree
flow-answer-names-no-video = Flow accepted the call but its answer names no video
flow-upscale-resolution = Flow upscales to 1080p or 4K, not { $resolution }
flow-upscale-no-workflow = Flow did not name this video's workflow when it was made, so it cannot be upscaled from flowdeck
flow-upscale-other-project = the video is in Flow project { $video }, but this account now works in { $project }: an upscale must go to the video's own project
download-link-refused = the signed download link was refused (HTTP { $status })
download-not-at-link = the video is not at its signed link
download-host-status = the video host answered HTTP { $status }
flow-old-api-video = this video was made through Flow's old API, which Google retired in September 2026; flowdeck cannot fetch it any more (look for it in your projects on flow.google.com)
flow-no-link-yet = Flow has no download link for it yet
flow-image-not-accepted = the image { $file }: Flow did not accept it (its answer names no image); try another file
gemini-veo-gone = { $model } is not offered on the Gemini API for this key: Google retired Veo there (the 3.1 previews on 2026-10-22). Choose omni-flash { $offers }, or add a Vertex AI account for Veo
gemini-offers-none = (this key lists no video model at all)
gemini-offers = (this key offers { $models })
gemini-no-omni = this API key offers no Gemini Omni model { $offers }
gemini-model-not-for-key = { $model } is not available to this key { $offers }
gemini-not-video-model = "{ $model }" is not a Gemini API video model { $offers }
gemini-generation-failed = the generation failed
service-said-code = { $message } ({ $code })
service-does-not-know-it = the service does not know it ({ $message })
gemini-key-refused = the API key was refused: { $message }
gemini-key-not-valid = the API key is not valid ({ $message }); create a new key in Google AI Studio and add it again
veo-daily-quota = the project's daily Veo quota is used up ({ $code }: { $message })
gemini-key-empty = the API key is empty: create one in Google AI Studio (aistudio.google.com/apikey)
gemini-key-spaces = an API key has no spaces in it: paste the key alone
gemini-file-not-prepared = the service could not prepare the video file
veo-filtered-silently =
    { $count ->
        [one] The safety filter kept back one video without saying why
       *[other] The safety filter kept back { $count } videos without saying why
    }
net-no-client = cannot build the HTTP client: { $why }
net-the-service = the service
net-timed-out = timed out ({ $why })
net-answer-cut-off = answer cut off: { $why }
download-host-busy = the video host asked to slow down (HTTP 429)
vertex-quota-minute = the project's Veo quota (about 10 requests a minute, { $code }): { $said }
vertex-this-project = this project
vertex-filtered = Vertex AI's safety filter kept this video back
vertex-filtered-why = Vertex AI's safety filter kept this video back: { $why }
vertex-adc = Application Default Credentials
task-failed = a background task stopped: { $why }
vertex-no-adc = no Application Default Credentials were found ({ $why }): run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS, or name a key file with credentials = "…"
vertex-credentials-unusable = the { $what } cannot be used: { $why }
vertex-no-token = could not get an access token: { $why }
vertex-key-file-unreadable = cannot read the key file { $file }: { $why }
vertex-key-file-not-json = { $file } is not a JSON key file
vertex-key-file-user = { $file } holds gcloud user credentials, not a service-account key: leave credentials out to use them as Application Default Credentials
vertex-key-file-type = { $file } is not a service-account key file (type "{ $kind }")
vertex-key-file-incomplete = { $file } lacks its private_key or token_uri: download the key again from the console
vertex-key-file-no-account = { $file } names no service account (client_email)
vertex-project-missing = a Vertex account needs project = "your-project-id" (the Google Cloud project that runs and bills the videos)
vertex-project-bad = project "{ $project }" is not a Google Cloud project id (letters, digits and hyphens)
vertex-location-bad = location "{ $location }" is not a Google Cloud region such as us-central1 (or global)
gs-not-a-uri = "{ $uri }" is not a gs://bucket/prefix URI
gs-bad-bucket = "{ $bucket }" in "{ $uri }" is not a bucket name
gs-walks-up = "{ $uri }" walks up a folder
gs-bucket-only = "{ $uri }" names a bucket, not an object
vertex-bad-url = "{ $url }" is not a URL for Vertex AI
vertex-rejected-fresh-token = the credentials were rejected even with a fresh token ({ $what })
vertex-rejected = the credentials were rejected
vertex-storage-rejected-fresh-token = Cloud Storage rejected the credentials even with a fresh token ({ $what })
doctor-answer = HTTP { $status }: { $excerpt }
flow-doctor-credits = { $plan } plan, { $credits } credits
flow-doctor-credits-unknown = credits unknown
flow-doctor-models = models { $models } (from { $from })
flow-doctor-models-built-in = models: the built-in list (Flow did not say)
flow-doctor-no-project = no project yet (made with the first video)
flow-doctor-summary-of = { $email }, { $credits }, { $models }; { $project }
flow-doctor-summary = { $credits }, { $models }; { $project }
flow-doctor-project-gone = its project is gone from Flow (a new one is made with the next video)
flow-doctor-project-lists = its project lists { $videos } videos
flow-doctor-money-path = its project lists { $videos } videos, status and signing reads answer as expected
gemini-doctor-works = API key works, models { $models }
vertex-no-model-answers = no Veo model answers for project { $project } in { $location }
vertex-doctor-works = project { $project } in { $location }, models { $models }
http-status-said = HTTP { $status }: { $said }
http-status-no-body = HTTP { $status } without an error body
flow-failed-no-reason = Flow reported the video as failed without a reason
flow-failed-said = Flow reported the video as failed: { $said }
ledger-cannot-create = cannot create { $path }: { $why }
ledger-no-take = there is no take { $take }
ledger-cannot-retry = take { $take } is { $state }; only failed, uncertain, timed-out or cancelled takes can be retried
ledger-retried-already = take { $take } was already retried
ledger-failed = the ledger failed: { $why }
ledger-illegal = the ledger refused to move take { $take } from { $from } to { $to }
mp4-unreadable = cannot read it back: { $why }
mp4-cut-header = it ends inside a box header at byte { $byte }
mp4-no-ftyp = it does not start with an MP4 `ftyp` box
mp4-bad-size = a box at byte { $byte } has an impossible size { $size }
mp4-cut-box = it ends at byte { $byte }, inside a `{ $kind }` box that needs { $needs }
mp4-empty = it is empty
mp4-no-moov = it has no `moov` box (cut before the end?)
ledger-video-unrecorded = take { $take }'s video was made ({ $ids }) but cannot be recorded ({ $why }); flowdeck stops sending on this account. Free the disk and restart; the video's id is in the log
submit-no-answer = sent, but no answer came back ({ $why }); it may exist on the account, so it is not sent again automatically
engine-stopped = the engine has stopped
chain-broken-because = { $why }: { $reason }
chain-scene-missing = scene { $scene }, which it continues, is not in this batch
frame-cut-length = a frame ends inside its length
frame-short = a frame is shorter than it says
take-account-gone = take { $take } belongs to an account that is not configured
account-busy = account "{ $account }" has videos in flight; wait until they are home
frame-no-h264 = it has no H.264 video track
lane-captcha = reCAPTCHA: { $why }
config-person-generation = [{ $section }] person_generation "{ $value }" must be allow_all, allow_adult or dont_allow
config-key-said = { $key }: { $why }
config-between = { $key } must be between { $low } and { $high }
config-from-to = { $key } must be { $low } to { $high }
config-at-most = { $key } must be at most { $high }
config-deadline = [engine] deadline_mins must be above 0 and at most 10080 (a week)
config-retired-flow-key = [flow] { $key } belonged to Flow's old REST API, which Google retired in September 2026. flowdeck now drives Flow at flow.google.com through your own signed-in browser: remove this line, install the flowdeck extension, and connect each Flow account's browser with `flowdeck bridge pair NAME` (see README, "Flow accounts")
config-vertex-only = { $key } is for Vertex accounts (provider = "vertex"); this one is { $provider }
at-file-line = { $file }:{ $line }: { $why }
at-file = { $file }: { $why }
at-file-place = { $file }, { $place }: { $why }
import-said = { $what }: { $error }
import-picture-column = { $column } "{ $file }": { $why }
import-references-paths = "references" must list file paths
secret-keyring-empty = nothing in the keyring
paths-no-home-config = cannot find a home folder for the settings; set FLOWDECK_CONFIG
paths-no-home-data = cannot find a home folder for data; set FLOWDECK_DATA_DIR
setup-account-said = account "{ $account }": { $why }
picture-file = the image { $file }: { $why }
picture-unreadable = cannot be read ({ $why })
picture-too-large = is larger than { $megabytes } MB
download-cut = download cut at byte { $byte } of { $total } ({ $why })
download-ended-early = download ended at byte { $byte } of { $total }
download-inline-cut = inline download cut at byte { $byte }: { $why }
chain-video-missing = the earlier scene's video is not on disk to continue
vertex-other-host = refusing to send Vertex credentials to another host
vertex-copies-range = Vertex makes 1 to 4 videos per request
video-not-ready = the video is not ready yet
omni-extend-needs-interaction = continuing a scene needs that scene's interaction
omni-no-interaction = the service accepted the request but named no interaction
revise-omni-only = only Gemini Omni videos can be revised
gemini-file-preparing = the video file is still being prepared
omni-budget-exceeded = the interaction's budget was exceeded
flow-one-request-per-video = one request record per video is needed
upscale-one-video = an upscale makes one video
upscale-flow-only = only a Flow video can be upscaled on Flow
gemini-one-per-request = the Gemini API makes one video per request
omni-extend-not-omni = the scene it continues was not made by Gemini Omni
gemini-no-upscale = the Gemini API does not upscale videos
lookup-not-offered = this service cannot look up a request whose answer was lost
vertex-not-its-video = not a Vertex video
download-writer-stopped = the file writer stopped
download-part-mismatch = the partial file did not match the video; starting it again
engine-stopping = the engine is stopping
chain-video-bad = the earlier scene's video { $file }: { $why }
video-not-mp4 = is not an MP4 video
vertex-operation-elsewhere = operation { $operation } is not one of project { $project }
gemini-not-an-operation = "{ $name }" is not an operation name
omni-not-an-interaction = "{ $id }" is not an interaction id
video-of-another-provider = a video of another provider reached this account: { $remote }
download-writer-failed = the file writer failed: { $why }
download-hash-failed = hashing failed: { $why }
download-inline-bad = inline download: { $why }
keyring-slow = the keyring did not answer within 5 s
keyring-call-failed = the keyring call failed: { $why }
keyring-off = the keyring is turned off (FLOWDECK_KEYRING=off)
list-or = { $items } or { $last }

## Account changes and the session (issue 25 move 1)
accounts-no-ledger = the ledger is not open, so the account's takes cannot follow it
accounts-secret-not-kept = no keyring is available ({ $why }), so the secret would be lost when this command ends. Put it in an environment variable and add the account with --secret-env VAR
accounts-save-stopped = saving the settings stopped before it finished
session-stopped = opening the ledger stopped before it finished
cli-account-renamed = Account { $old } is now { $new }: its settings, its secret and its takes follow it.
cli-pair-again = Its browser still knows it by the old name: connect it again with flowdeck bridge pair { $account }
help-cmd-accounts-rename = Rename an account: its settings, its secret and its takes in the ledger follow.
help-accounts-rename-old = The account's name now.
help-accounts-rename-new = Its new name (letters, digits, - and _).
config-language-tag = "{ $tag }" is not a language tag (en, vi…)
cli-language-unknown = the settings ask for the language "{ $tag }", which flowdeck does not speak: use { $choices }

## The pairing page flowdeck serves to a browser (issue 24 item 13)
pair-page-title = Pair this browser with flowdeck
pair-page-waiting = Waiting for the flowdeck extension in this browser…
pair-page-then = Then click the flowdeck extension's icon in this browser's toolbar and type the code flowdeck shows in its terminal or window. This page never shows that code: a page that shows you a code to type is not flowdeck's.
pair-page-missing = If nothing happens within a few seconds, the extension is not installed in this browser profile: open chrome://extensions, turn on Developer mode, choose "Load unpacked" and pick the extension folder of flowdeck, then reload this page.
pair-page-per-profile = Pair each Flow account in its own browser profile, signed in to that Google account.
pair-page-expired = This pairing link has expired: start pairing again in flowdeck.
pair-page-gone = This pairing link is no longer valid: start pairing again in flowdeck.
pair-page-not-running = flowdeck is not running any more: start pairing again.

## Issue 24 (the command line): commands that wait only for what they need (item 7), no silent
## sitting out (item 8), a run that cannot progress ends (item 9)
cli-bridge-down = the browser bridge is not running ({ $why }), so this Flow account sits out; the others work
cli-sits-out = { $account } sits out this batch: { $why }{ $instead }
cli-sits-out-instead = ; use --model { $model }
cli-held-next = { $account } is held: the service flagged unusual activity. Open Flow in { $account }'s browser and check the account there; then `flowdeck accounts resume { $account }`, and `flowdeck resume` takes the rest up again.
cli-account-released = { $account } may work again: `flowdeck resume` takes up what waits.
cli-account-not-held = { $account } is not held.
help-cmd-accounts-resume = Let an account the service held (it flagged unusual activity) work again, once you have checked it in its browser; `flowdeck resume` then takes up what waits.
help-accounts-resume-name = The held account.

## Issue 24 item 6: Flow without a keyring
cli-export-line = export { $var }={ $secret }
help-accounts-add-secret-file = Flow: keep the pairing secret in a file only you can read, in the data folder (for a machine without a keyring).
config-secret-env-and-file = account "{ $account }" names both secret_env and secret_file: keep one
secret-file-unreadable = its secret file { $file } cannot be read ({ $error })
secret-file-empty = its secret file { $file } is empty
accounts-secret-file-failed = cannot write the secret file { $file }: { $error }
cli-secret-file-flow-only = --secret-file keeps a Flow account's pairing secret; a Gemini key goes in the keyring or --secret-env
cli-no-keyring-export = There is no keyring on this machine ({ $why }), so flowdeck made { $account }'s pairing secret for your shell to keep. Put this line in your shell profile (~/.profile or ~/.bashrc), open a new terminal, then connect its browser with `flowdeck bridge pair { $account }`:
cli-no-keyring-or-file = Or keep it in a file only you can read, in flowdeck's data folder: flowdeck accounts add { $account } --replace --secret-file
cli-secret-file-kept = { $account }'s pairing secret is in { $file } (only you can read it).

## Issue 24 item 11: command-line polish
cli-failed-take-unsent = { $take } (not sent to any account) "{ $prompt }": { $why }
cli-secret-in-file = a file only you can read

## Issue 24 item 10: names that match up
model-did-you-mean = "{ $value }" is not a model flowdeck knows: did you mean { $model }?

## Issue 24, the window (items 1–4 and 10): opening files, batch numbers, Revise's take names
open-no-program = No program here opens { $kind ->
        [folder] folders
       *[other] .{ $ext } files
    }; { $kind ->
        [folder] the folder
        [video] the video
       *[other] the file
    } is at { $path }
open-ended = { $program } could not open { $target } (it ended with code { $code })
copy-path = Copy path
settings-theme-saved = The theme is now { $theme }.
compose-needs-account = Generate needs an account: add one in Accounts.
compose-needs-chosen-account = Generate needs an account: tick one above.
slots-path = { $slot ->
        [start] Start picture
        [end] End picture
       *[other] Reference picture
    } for “{ $prompt }”:
slots-path-example = /home/me/pictures/harbour.png
slots-path-use = Use
lane-this-session = This session: { $done } of { $dealt } on disk, { $making } being made
lane-and-downloading = { $counts } ({ $done } / { $total })
batch-number = Batch { $batch }

## Issue 26 part 2: `flowdeck mcp`, the Model Context Protocol server
help-cmd-mcp = Serve the Model Context Protocol on standard input and output, so an AI assistant can price, run and follow batches (its client starts `flowdeck mcp`; see the README).
mcp-no-scenes = Give at least one scene.
mcp-too-many-scenes = At most { $most } scenes per call ({ $count } were given): split the plan into several batches.
mcp-too-many-accounts = At most { $most } accounts may be named.
mcp-too-many-takes = At most { $most } takes per call.
mcp-name-too-long = Scene { $scene }: a name may have at most { $most } characters.
mcp-the-scenes = the scenes
mcp-path-not-absolute = Scene { $scene }: "{ $file }" is not a whole path; give the picture's absolute path.
mcp-scene-says = Scene { $scene }: { $why }
mcp-copies = Copies must be 1 to 4, not { $value }.
mcp-out-not-absolute = "{ $dir }" is not a whole path; give the output folder's absolute path.
mcp-out-not-folder = "{ $dir }" exists and is not a folder.
mcp-cap-required = This spends credits or money, so a cap is required: give max_credits (Flow accounts, billed in credits) and/or max_dollars (Gemini API and Vertex AI accounts, billed in US dollars). Nothing was sent.
mcp-cap-negative = A cap must be zero or more. Nothing was sent.
mcp-cap-unit-missing = it bills in { $unit ->
        [credits] credits, and no max_credits was given
       *[other] US dollars, and no max_dollars was given
    }
mcp-price-unknown = flowdeck does not know its price for this video, so no cap could hold it
mcp-no-account-can = No account may make a { $model } video within this call: { $why }. Nothing was sent.
mcp-over-cap = This would cost up to { $credits } credits and ${ $dollars }, over the cap (max_credits { $max_credits }, max_dollars { $max_dollars }). Nothing was sent: make fewer videos, choose a cheaper model or raise the cap.
mcp-progress = { $done } of { $total } videos settled
mcp-bad-input = { $tool } cannot use these arguments: { $error }
mcp-limit = The limit is 1 to { $most }.
mcp-wait = wait_seconds may be at most { $most }.
mcp-label = A label must have 1 to { $most } characters.
mcp-check-slow = the account did not answer its check in time
mcp-engine-gone = The engine stopped before the batch could start; nothing was sent. Try again.
mcp-started = Batch { $batch } started: { $videos } videos. Follow it with batch_status.
mcp-not-running-here = Batch { $batch } is not being made by this flowdeck, so there is nothing to stop.
mcp-canceled = Batch { $batch } is stopping: nothing more is sent; videos already being made are still brought home.
mcp-retry-what = Name takes to retry, or a batch whose failed takes to retry.
mcp-no-such-tool = flowdeck has no tool named { $tool }.
mcp-could-not-start = the MCP server stopped: { $error }

## Issue 26 part 1: spending caps (held by budget, settings [budget], flowdeck budget)
budget-held = held by budget: { $cap } is { $limit }, { $spent } spent
budget-cap-batch = the batch's cap
budget-cap-batch-account = the batch's cap on { $account }
budget-cap-day = today's cap
budget-cap-day-account = { $account }'s cap for today
budget-credits = { $credits } credits
budget-dollars = ${ $usd }
config-budget-negative = { $key } must be a number, 0 or more
config-budget-no-account = [budget.accounts.{ $account }] names no account in the settings
cli-budget-not-dollars = "{ $value }" is not an amount of dollars (0 or more, e.g. 2.50)
cli-budget-col-today = spent today
cli-budget-col-day-cap = cap per day
cli-budget-col-batch-cap = cap per batch
cli-budget-all = all accounts
cli-budget-none = No spending caps are set: add them with `flowdeck budget raise` (or in Settings).
cli-budget-amounts = { $credits } credits · { $usd }
cli-budget-no-cap = none
cli-budget-raise-what = Say which cap: --day-credits, --day-dollars, --batch-credits or --batch-dollars (with --account NAME for one account), or --batch ID with --credits or --dollars.
cli-budget-raised = Caps of { $who }: per day { $day }; per batch { $batch }. Takes held by budget go at the next `flowdeck resume`.
cli-budget-batch-raised = Batch { $batch } may now spend { $caps }. `flowdeck resume` lets its held takes go.
cli-budget-held-batch = batch { $batch }: { $n ->
    [one] 1 take waits
   *[other] { $n } takes wait
}, { $why }
cli-budget-stalled = { $n ->
    [one] 1 take is
   *[other] { $n } takes are
} waiting, { $why }. Nothing was sent for them. Raise the cap with `flowdeck budget raise` (see `flowdeck budget`), then `flowdeck resume`.
help-cmd-budget = Spending caps and what was spent today, per account and over all; `flowdeck budget raise` changes the caps.
help-budget-json = Print JSON.
help-cmd-budget-raise = Raise (or set) spending caps: the settings' [budget] (all accounts, or one with --account), or one batch's own with --batch. Takes held by budget go at the next `flowdeck resume` (at once in the window).
help-budget-raise-account = The caps of this account only ([budget.accounts.NAME]).
help-budget-raise-batch = This batch's own caps (kept in the ledger): with --credits and --dollars.
help-budget-raise-credits = With --batch: at most this many credits for the batch.
help-budget-raise-dollars = With --batch: at most this many dollars for the batch.
help-budget-raise-batch-credits = Credits per batch.
help-budget-raise-batch-dollars = Dollars per batch.
help-budget-raise-day-credits = Credits per day (your local day).
help-budget-raise-day-dollars = Dollars per day (your local day).
help-run-max-credits = At most this many Flow credits for this batch: takes that would cross it wait, "held by budget", and nothing is sent for them (see `flowdeck budget`).
help-run-max-dollars = At most this many US dollars on the APIs (Gemini, Vertex) for this batch.
settings-caps = Spending caps (all accounts)
settings-caps-hint = Takes that would cross a cap wait, "held by budget", and nothing is sent for them. Empty: no cap. Caps per account go in the settings file ([budget.accounts.NAME]).
settings-cap-none = no cap
settings-cap-day-credits = Credits a day
settings-cap-day-dollars = Dollars a day
settings-cap-batch-credits = Credits a batch
settings-cap-batch-dollars = Dollars a batch
settings-cap-wrong = A cap must be a whole number of credits or an amount of dollars, 0 or more (empty: no cap)
compose-cap-day = cap { $cap } a day ({ $left } left today)
compose-cap-batch = cap { $cap } a batch
compose-budget-wait = { $cap }: { $waiting } of these { $videos } videos will wait, held by budget
compose-within-cap = {" · "}within { $cap }

## Issue 27 item 2: the extension and flowdeck of different versions
bridge-version-mismatch = the extension is { $extension }, flowdeck is { $flowdeck }: load the extension that came with this flowdeck (its extension folder) in chrome://extensions, or update the older one; calls go on meanwhile

# Issue 28, item 3: History a page at a time.
history-shown = batches { $first }–{ $last } of { $total }

## Issue 27 item 5: the welcome
welcome-title = Welcome to flowdeck
welcome-lead = flowdeck turns your scene prompts into videos with Google's video models. Nothing is set up yet: start with one of these.
welcome-demo = Try the demo
welcome-demo-hint = Simulated accounts, in this window: make a few videos and see how it works. Nothing is sent to Google, nothing is paid. Start flowdeck again to come back here.
welcome-demo-starting = Starting the demo…
welcome-demo-failed = The demo could not start: { $why }
welcome-flow = Add a Flow account
welcome-flow-hint = Google Flow with your AI Pro or Ultra credits, through your own Chrome and the flowdeck extension.
welcome-gemini = Add a Gemini API key
welcome-gemini-hint = Gemini Omni videos with a key from Google AI Studio, paid per video.
welcome-vertex = Add a Vertex AI project
welcome-vertex-hint = Veo on your own Google Cloud project, billed to that project.
accounts-extension-folder = The flowdeck extension is in
accounts-open-folder = Open folder
accounts-extension-missing = The extension folder was not found next to flowdeck: see "Install the extension" in the README.
