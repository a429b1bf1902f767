# flowdeck's words in English (the fallback: every key lives here first).
# Plurals: { $n -> [one] … *[other] … }. Numbers: { NUMBER($n) }.

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
slots-drop-hint = Drop a PNG, JPEG or WebP picture on the window to put it in the slot.
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
lane-on-disk = { $done } of { $dealt } on disk
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
revise-title = Revise take { $take }
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
settings-saved = Saved. Pacing changes apply from the next start; the theme and file names apply now.
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
accounts-connect-once = Open it in the right profile: the link pairs whichever browser opens it first. It works once, for 10 minutes.
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
accounts-gone = the account is gone
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
cli-stalled-batch = batch { $batch }: { $queued } scenes cannot be started now ({ $reason })
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
