# Lời của flowdeck bằng tiếng Việt. Mỗi khoá ở đây cũng có trong tệp tiếng Anh.

## Chính ngôn ngữ này: tên của nó (cho trình đơn ngôn ngữ) và cách viết số
language-name = Tiếng Việt
number-group = { "." }
number-decimal = { "," }
money-usd = { $amount } US$

## Các thẻ
tab-compose = Soạn
tab-queue = Hàng đợi
tab-history = Lịch sử
tab-accounts = Tài khoản
tab-settings = Cài đặt

## Khung cửa sổ quanh các màn hình
last-batch = Lô gần nhất: { $done }/{ $total } video đã lưu
starting = Đang khởi động…
could-not-start = flowdeck không khởi động được
could-not-start-help = Hãy sửa tệp cài đặt nêu ở trên (hoặc chạy `flowdeck accounts list`), rồi khởi động lại.

## Ảnh lớn của một video
preview-decoding = Đang giải mã khung hình đầu…
preview-none = Không có ảnh: { $why }
preview-play = Phát
preview-show-in-folder = Mở thư mục chứa
close = Đóng
cancel-esc = Huỷ  (Esc)

## Soạn
compose-prompts = Lời nhắc
compose-per-paragraph = mỗi đoạn một cảnh
compose-per-line = mỗi dòng một cảnh
compose-paragraphs = Theo đoạn
compose-import-button = Nhập… (Ctrl+O)
compose-placeholder =
    Mỗi dòng một cảnh, ví dụ
    Ngọn hải đăng trên bờ đá lúc bình minh, góc rộng điện ảnh
compose-model = Mô hình
compose-aspect = Khung hình
compose-copies = Số bản
compose-seconds = Số giây
compose-resolution = Độ phân giải
compose-seed = Hạt giống
compose-mode = Chế độ
compose-seed-random = Ngẫu nhiên
compose-seed-fixed = Cố định
compose-seed-placeholder = hạt giống
compose-parallel = Song song
compose-sequential = Lần lượt
compose-output-folder = Thư mục lưu
compose-folder-placeholder = thư mục chứa video
compose-browse = Chọn…
compose-accounts = Tài khoản
compose-no-accounts = chưa có: thêm một tài khoản ở thẻ Tài khoản
compose-prompt-file = Tệp lời nhắc
compose-import = Nhập
compose-note = Lưu ý: { $text }
compose-generate = Tạo video  (Ctrl+Enter)
compose-generate-more = Tạo thêm  (Ctrl+Enter)
compose-estimate-empty = Hãy viết mỗi dòng một cảnh.
compose-estimate-uniform = { $scenes } cảnh × { $copies } bản = { $videos } video
compose-estimate-mixed = { $scenes } cảnh, { $videos } video
compose-estimate-credits = , khoảng { $credits } tín dụng
compose-estimate-usd = , khoảng { $usd } trên Gemini API
compose-estimate-usd-also = (hoặc khoảng { $usd } trên Gemini API)
compose-estimate-accounts = , trên { $accounts } tài khoản
compose-cannot-run = { $account } không chạy được: { $why }
compose-short-of-credits = { $account } còn { $credits } tín dụng; phần của nó cần khoảng { $share } (các tài khoản khác sẽ làm tiếp khi nó hết)
compose-not-ultra = { $account } không dùng gói Ultra mà { $key } cần
compose-no-folder-dialog = Không mở được hộp chọn thư mục ở đây ({ $why }): hãy gõ thư mục vào ô Thư mục lưu.
compose-no-file-dialog = Không mở được hộp chọn tệp ở đây ({ $why }): hãy gõ đường dẫn tệp lời nhắc bên dưới.
compose-type-a-path = Hãy gõ đường dẫn của một tệp lời nhắc ({ $kinds }).
compose-imported = Đã nhập { $scenes } cảnh từ { $file }.
compose-imported-with-images = Đã nhập { $scenes } cảnh từ { $file }; { $pictured } cảnh bắt đầu từ ảnh (giữ nguyên khi lời nhắc không đổi).

## Soạn: ảnh bắt đầu của từng cảnh
slot-start = + Đầu
slot-end = + Cuối
slot-reference = + Tham chiếu
slot-name-start = đầu
slot-name-end = cuối
slot-name-reference = tham chiếu
slots-help = Ảnh để một cảnh bắt đầu (không bắt buộc): bấm một ô, rồi chọn hoặc thả ảnh PNG, JPEG hay WebP.
slots-continues = nối tiếp cảnh { $scene }
slots-drop-hint = Gõ đường dẫn của ảnh bên dưới, hoặc thả một ảnh PNG, JPEG hay WebP vào cửa sổ, để đặt vào ô.
slots-click-first = Hãy bấm ô Đầu, Cuối hoặc Tham chiếu của một cảnh trước, rồi thả ảnh.
slots-cannot-send = Không gửi được ảnh này: { $why }
slots-too-many = Mỗi cảnh nhận tối đa { $max } ảnh tham chiếu.

## Trạng thái của một lần tạo
state-queued = đang chờ
state-assigned = đã giao
state-submitting = đang gửi
state-generating = đang tạo
state-ready = sẵn sàng
state-downloading = đang tải về
state-done = xong
state-failed = thất bại
state-timed-out = quá hạn
state-uncertain = chưa rõ
state-canceled = đã huỷ

## Hàng đợi
queue-next-in-line = kế tiếp
queue-for = trong { $time }
queue-of-total = { $done } / { $total }
queue-run-next = Làm kế tiếp
queue-open = Mở
queue-folder = Thư mục
queue-revise = Sửa lại
queue-upscale = Nâng cấp
queue-retry = Thử lại
queue-on-disk = { $done }/{ $total } đã lưu
queue-failed = {" "}· { $n } thất bại
queue-in-progress = {" "}· { $n } đang làm
queue-cancelled = {" "}· { $n } đã huỷ
queue-finished = {" "}· đã xong
queue-batch-cancelled = {" "}· đã huỷ
queue-paused = {" "}· tạm dừng
queue-resume = Tiếp tục
queue-pause = Tạm dừng
queue-cancel = Huỷ
queue-retry-failed = Thử lại các lần lỗi
queue-resumed = Tiếp tục từ phiên trước.
queue-waiting = Đang chờ: { $why }
queue-no-takes = không có lần tạo nào
queue-rows = dòng { $first }–{ $last } trên { $total }
queue-previous = ‹ Trước
queue-next = Sau ›
queue-empty = Chưa có gì trong hàng đợi. Hãy viết lời nhắc ở thẻ Soạn rồi bấm Tạo video.
filter-all = Tất cả
filter-moving = Đang làm
filter-attention = Cần xem lại
filter-done = Đã lưu

## Thanh tài khoản bên trái
lane-cannot-start = không khởi động được
lane-not-working = không hoạt động
lane-checking = đang kiểm tra…
health-ready = sẵn sàng
health-cooling = đang nghỉ ({ $seconds } giây)
health-cooling-left = đang nghỉ { $seconds } giây
health-sign-in = cần đăng nhập
health-out-of-credits = hết tín dụng
health-paused = tạm dừng
health-waiting-browser = đang chờ trình duyệt
health-held = đang giữ lại
lane-credits = { $credits } tín dụng
lane-in-flight = { $n } đang làm
lane-no-browser = chưa có trình duyệt
lane-browser-connected = đã nối trình duyệt
lane-done = xong { $n }
lane-failed = lỗi { $n }
lane-checked-works = đã kiểm tra: hoạt động
lane-sign-in-again = Đăng nhập lại
lane-connect-browser = Nối một trình duyệt
lane-resume = Tiếp tục
lanes-title = Tài khoản
lanes-none = Chưa có tài khoản: hãy thêm ở thẻ Tài khoản.

## Lịch sử
history-title = Lịch sử
history-refresh = Làm mới
history-loading = Đang tải…
history-none = Chưa có lô nào.
history-open-folder = Mở thư mục
history-export = Xuất CSV
history-saved = Đã lưu kết quả vào { $path }
history-export-failed = Không xuất được: { $why }
history-failed = { $n } thất bại
batch-active = đang chạy
batch-finished = đã xong
batch-cancelled = đã huỷ

## Sửa lại một video
revise-say-how = Hãy nói video cần thay đổi thế nào.
revise-title = Sửa lại { $take }
revise-was = Trước đây: { $prompt }
revise-placeholder = thay đổi gì, ví dụ "chuyển thành ban đêm, giữ chuyển động máy quay"
revise-videos = Số video
revise-explain = Một video mới được tạo trên { $account } với cùng mô hình, khung hình và độ dài; chi phí như mọi lần tạo khác. Video gốc vẫn giữ nguyên.
revise-send = Gửi yêu cầu sửa

## Cài đặt
theme-system = Theo hệ thống
theme-light = Sáng
theme-dark = Tối
people-anyone = Mọi người (allow_all)
people-adults = Chỉ người lớn (allow_adult)
settings-must-be-number = { $what } phải là một số
settings-between = { $what } phải nằm trong khoảng { $lo } đến { $hi }
settings-choose-folder = hãy chọn một thư mục
settings-what-concurrency = số video cùng lúc mỗi tài khoản
settings-what-poll = khoảng kiểm tra trạng thái (giây)
settings-what-downloads = số lượt tải về cùng lúc
settings-what-spacing = số giây giữa hai lần gọi tạo của một tài khoản Flow
settings-fix-first = hãy sửa các ô được đánh dấu đỏ trước
settings-example = ví dụ { $sample } · chỗ điền: { $placeholders }
settings-saved = Đã lưu. Thay đổi về nhịp gửi có hiệu lực từ lần khởi động sau; tên tệp có hiệu lực ngay.
settings-language-saved = Ngôn ngữ giờ là { $language }.
settings-title = Cài đặt
settings-output-folder = Thư mục lưu
settings-folder-placeholder = thư mục
settings-output-hint = nơi lưu các lô mới
settings-file-names = Tên tệp
settings-template-placeholder = mẫu
settings-concurrency = Số video cùng lúc mỗi tài khoản
settings-concurrency-hint = từ 1 đến 32
settings-poll = Kiểm tra trạng thái mỗi (giây)
settings-poll-hint = Trang của Flow dùng 5
settings-downloads = Số lượt tải cùng lúc
settings-downloads-hint = trên tất cả tài khoản
settings-spacing = Flow: số giây giữa các lần gọi tạo
settings-spacing-hint = cho mỗi tài khoản; gấp đôi sau mỗi lần bị từ chối. Flow đánh dấu các tài khoản tạo dồn dập
settings-people = Gemini API: người trong video
settings-people-hint = Ở EU, Anh, Thuỵ Sĩ và Trung Đông – Bắc Phi bắt buộc chọn Chỉ người lớn
settings-negative = Gemini API: lời nhắc loại trừ
settings-negative-placeholder = không bắt buộc, ví dụ hoạt hình, chất lượng thấp
settings-negative-hint = điều mọi video Gemini nên tránh
settings-theme = Giao diện
settings-language = Ngôn ngữ
settings-language-hint = có hiệu lực ngay; --lang hoặc FLOWDECK_LANG chọn cho một lần chạy
settings-save = Lưu

## Tài khoản
accounts-title = Tài khoản
accounts-none = Chưa có tài khoản. Thêm một tài khoản bên dưới.
accounts-not-running = không chạy
accounts-session-only = chỉ phiên này
accounts-keyring = kho khoá
accounts-no-browser = chưa ghép trình duyệt
accounts-key = khoá: { $kept }
accounts-no-project = chưa có dự án
accounts-check = Kiểm tra
accounts-rename = Đổi tên
accounts-connect = Nối một trình duyệt
accounts-new-key = Khoá mới
accounts-remove = Xoá
accounts-name = Tên
accounts-name-placeholder = ví dụ studio-1
accounts-provider = Dịch vụ
accounts-add-title = Thêm tài khoản
accounts-google-account = Tài khoản Google (không bắt buộc)
accounts-email-placeholder = email mà trình duyệt của nó đang đăng nhập
accounts-flow-help = Flow không có API công khai: flowdeck điều khiển nó qua chính trình duyệt bạn đã đăng nhập. Hãy cài tiện ích flowdeck vào một hồ sơ Chrome đã đăng nhập tài khoản Google này (chrome://extensions → Chế độ dành cho nhà phát triển → Tải tiện ích đã giải nén → thư mục extension), rồi thêm tài khoản và mở đường liên kết nó hiện ra trong hồ sơ đó.
accounts-flow-project = Mã dự án Flow (không bắt buộc)
accounts-flow-project-placeholder = để trống thì tạo dự án mới
accounts-add-and-connect = Thêm và nối trình duyệt
accounts-api-key = Khoá API
accounts-api-key-placeholder = khoá AIza… từ aistudio.google.com/apikey
accounts-note = Lưu ý: { $text }.
accounts-add = Thêm tài khoản
accounts-cloud-project = Dự án Google Cloud
accounts-location = Khu vực
accounts-key-file = Tệp khoá tài khoản dịch vụ (không bắt buộc)
accounts-key-file-placeholder = để trống: Application Default Credentials
accounts-choose = Chọn…
accounts-vertex-help = Veo trên Vertex AI tính phí vào dự án. Hãy bật Vertex AI API trong dự án và cấp cho tài khoản dịch vụ vai trò Vertex AI User (và Storage Object Viewer trên bucket đầu ra, nếu có). Chỉ đường dẫn tệp khoá được lưu; nếu không có, flowdeck dùng Application Default Credentials của gcloud.
accounts-signed-in = Đã đăng nhập: { $who }
accounts-no-keyring = Không có kho khoá ({ $why }): bí mật thêm ở đây chỉ dùng được trong phiên này.
accounts-rename-title = Đổi tên { $account }
accounts-new-name = tên mới
accounts-remove-title = Xoá { $account }?
accounts-remove-explain = Mục trong kho khoá sẽ bị xoá. Các video đã lưu vẫn còn.
accounts-new-key-title = Khoá API mới: { $account }
accounts-paste-key = dán khoá mới
accounts-save = Lưu
accounts-waiting-extension = Đang chờ tiện ích flowdeck trong trình duyệt đó…
accounts-connect-title = Nối trình duyệt: { $account }
accounts-connect-help = Mở đường liên kết này trong hồ sơ Chrome đã đăng nhập tài khoản Google của tài khoản này và có tiện ích flowdeck:
accounts-copy = Sao chép
accounts-open = Mở
accounts-connect-once = Hãy mở trong đúng hồ sơ. Đường liên kết vô dụng nếu không có mã này, và chỉ cửa sổ này hiện mã: trang nào hiện mã bắt bạn gõ thì không phải của flowdeck. Chỉ dùng được một lần, trong 10 phút.
close-esc = Đóng  (Esc)

## Trước khi tốn thêm
spend-costs-again = Việc này tốn thêm
spend-send-again = Gửi lại
spend-generate-again = Tạo lại
spend-refused = { $n } lần tạo đã bị từ chối theo chính sách của dịch vụ ("{ $reason }"). Gửi lại tốn { $price } và nhiều khả năng lại bị từ chối nếu lời nhắc không đổi.
spend-made-before = { $again } trong { $scenes } lời nhắc này đã được tạo ở lô trước. Tạo lại sẽ làm (và trả tiền cho) video mới: { $price } cho cả lô.
spend-upscale = Nâng độ phân giải
spend-upscale-question = Flow tạo một bản lớn hơn của video này trên { $account }, lưu cạnh bản gốc. 1080p: chưa công bố giá (tính là miễn phí); 4K: 50 tín dụng.
spend-upscale-1080 = Nâng lên 1080p
spend-upscale-4k = Nâng lên 4K

## Thông báo
banner-no-keyring = Không có kho khoá ({ $why }): bí mật bạn thêm bây giờ chỉ được giữ trong phiên này.
banner-cannot-start = Tài khoản { $account } không khởi động được: { $why }
banner-resumed = Đã tiếp tục { $n } lần tạo còn dở từ lần trước.
banner-demo = Chế độ thử: ba tài khoản Flow mô phỏng, mỗi tài khoản do một bản thay thế có sẵn của tiện ích trình duyệt đảm nhận, và một tài khoản Gemini API tạo video Gemini Omni Flash (omni-flash chạy trên cả bốn); không có gì được gửi tới Google. Lời nhắc chứa #unsafe sẽ bị từ chối, để bạn thấy khi đó trông ra sao.
compose-seed-range = hạt giống phải là số nguyên từ 0 đến 2147483647
compose-choose-account = hãy chọn ít nhất một tài khoản
compose-none-can-run = không tài khoản nào được chọn chạy được { $model } { $aspect }
compose-choose-folder = hãy chọn thư mục lưu
accounts-no-bridge = cầu nối trình duyệt không chạy (xem thông báo), nên không nối được trình duyệt nào
accounts-unreadable = một tài khoản flowdeck không đọc được
accounts-connected = Đã nối: trình duyệt đó đăng nhập bằng { $email }.
accounts-checking = đang kiểm tra…
accounts-reconnect = Hãy nối lại trình duyệt của { $new }: tiện ích của nó vẫn biết nó là { $old }. { $note }
accounts-status-credits = {" "}· { $credits } tín dụng
accounts-status-makes = {" "}· tạo được { $models }
accounts-signed-in-plain = đã đăng nhập
accounts-wrong-browser = { $account } đã ghép, nhưng trình duyệt của nó đăng nhập bằng { $got }, không phải { $want }: không gửi gì cho { $account } cho tới khi khớp. { $note }
accounts-session-secret = Không có kho khoá ({ $why }): bí mật chỉ được giữ trong phiên này.
dialog-import-title = Nhập lời nhắc
dialog-prompt-files = Tệp lời nhắc
dialog-picture-title = Chọn ảnh
dialog-pictures = Ảnh
dialog-output-title = Thư mục lưu
dialog-key-file-title = Tệp khóa tài khoản dịch vụ
dialog-key-files = Tệp khóa JSON
notify-finished-title = flowdeck: { $batch } đã xong
notify-finished-body = { $done }/{ $total } video đã lưu
notify-need-a-look = , { $n } cần xem lại
banner-not-a-file = { $path } không phải tệp lời nhắc ({ $kinds }) cũng không phải ảnh (PNG, JPEG hoặc WebP).
window-no-display = flowdeck: ở đây không có màn hình (DISPLAY và WAYLAND_DISPLAY chưa đặt); hãy dùng `flowdeck run PROMPTS --out DIR` trên dòng lệnh
window-could-not-start = flowdeck: không mở được cửa sổ ({ $why }); `flowdeck run` chạy được mà không cần cửa sổ
window-cannot-open = flowdeck: không mở được cửa sổ ({ $why }); hãy dùng `flowdeck run PROMPTS --out DIR` trên dòng lệnh

## Dòng lệnh: `run` và những gì nó in ra
cli-no-videos-yet = chưa có video
cli-take = lần tạo { $take } (cảnh { $scene }, bản { $copy })
cli-starting = đang khởi động
cli-failed = { $n } lỗi
cli-credits = { $credits } tín dụng
cli-in-flight = { $n } đang làm
cli-mib = { $mib } MiB
cli-batch = lô { $batch } "{ $label }": { $videos } video{ $place }
cli-resuming = tiếp tục { $batch } "{ $label }": { $videos } video{ $place }
cli-all-videos = tất cả video
cli-on-disk = đã lưu
cli-take-line = { $take } trên { $account }: { $state }{ $why }
cli-lane-line = { $account }: { $health } — { $reason }
cli-stalled-batch = lô { $batch }: { $queued } cảnh chưa thể bắt đầu lúc này ({ $reason })
cli-reconciled = { $account }: đã tra { $n } lần gửi bị mất câu trả lời: { $found } có trên tài khoản (làm tiếp, không trả tiền hai lần), { $absent } chưa từng được tạo (xếp hàng lại)
cli-demo-no-resume = bản thử không tiếp tục được
cli-resume-later = `flowdeck resume` làm tiếp sau
cli-stopping = đang dừng: không bắt đầu video mới; đang đưa về { $flying } video đang làm (Ctrl-C lần nữa để thoát ngay; { $later })
cli-col-account = tài khoản
cli-col-taken = đã nhận
cli-col-on-disk = đã lưu
cli-col-failed = lỗi
cli-col-mib = MiB
cli-videos-on-disk = { $done }/{ $total } video đã lưu{ $place }
cli-in-folder = {" "}trong { $folder }
cli-looked-up = Đã tra { $n } lần gửi bị mất câu trả lời: { $found } có trên tài khoản (không trả tiền hai lần), { $absent } chưa từng được tạo (đã tạo lại).
cli-heading-failed = Thất bại:
cli-heading-uncertain = Chưa rõ (đã gửi nhưng không có câu trả lời; hãy xem trong tài khoản trước khi thử lại, thử lại sẽ tốn thêm):
cli-heading-timed-out = Quá hạn (vẫn giữ; `flowdeck resume` sẽ kiểm tra lại):
cli-heading-other = Chưa xong ({ $state }):
cli-failed-take = { $take } trên { $account } "{ $prompt }": { $why }
cli-try-again = Để thử lại: flowdeck retry { $takes }
cli-stopped-demo = Đã dừng. (Bản thử không tiếp tục được: trình mô phỏng của nó đã tắt.)
cli-stopped = Đã dừng. Mọi thứ đều ở trong sổ ghi: `flowdeck resume` sẽ làm tiếp.
cli-stalled-demo = Bị kẹt: { $why }
cli-stalled = 
    Bị kẹt: { $why }
    Phần còn lại vẫn trong hàng đợi: `flowdeck resume` làm tiếp sau.

## The command line: settings, ledgers, asking before spending again
cli-no-demo-ledger = chưa có sổ ghi của bản chạy thử tại { $file }: hãy chạy `flowdeck run --demo TỆP` (hoặc bản chạy thử trong cửa sổ) trước
cli-demo-ledger-unreadable = không mở được sổ ghi của bản chạy thử tại { $file }: { $error }
cli-ledger-unreadable = không mở được sổ ghi tại { $file }: { $error }
cli-where-things-live =
    Nơi mọi thứ nằm trên máy này:
      cài đặt   { $settings }
      dữ liệu   { $data }  (sổ ghi, nhật ký)
      video     { $videos }  (trừ khi cài đặt hoặc --out nói khác)
      tiện ích  { $extension }  (chrome://extensions → Chế độ dành cho nhà phát triển → Tải tiện ích đã giải nén)
    FLOWDECK_CONFIG và FLOWDECK_DATA_DIR dời hai chỗ đầu.
cli-where-things-live-unknown = Nơi mọi thứ nằm: { $error }
cli-extension-not-found = không thấy bên cạnh flowdeck này (xem README, "Install the extension")
cli-no-command = chưa có lệnh nào; chỉ gõ `flowdeck` thì mở cửa sổ; xem `flowdeck --help`
cli-refused-for-policy = bị từ chối theo chính sách của dịch vụ
cli-refused-take = lượt { $take } (cảnh { $scene }, bản { $copy }): { $reason }
cli-spend-again =
    { $takes } lượt đã bị từ chối theo chính sách của dịch vụ:
    { $list }Gửi lại tốn { $price } và nhiều khả năng lại bị từ chối nếu lời nhắc không đổi.
cli-spend-again-yes = Thêm --yes để vẫn gửi lại.
cli-send-again = Gửi lại? [c/K]
cli-answer-yes = c, có, co
cli-nothing-sent = không gửi gì cả
cost-credits = { $credits } tín dụng
cost-and = và
cost-usual-price = giá thường của tài khoản thêm lần nữa
cost-about = khoảng { $sum }
cost-about-some-unknown = khoảng { $sum } (và { $unknown } với giá flowdeck không biết)

## The command line: batches, takes, runs; revising and upscaling
no-such-batch = không có lô { $batch }
no-such-take = không có lượt { $take }
take-no-account = lượt { $take } không ghi tài khoản nào
cannot-write = không ghi được { $file }: { $error }
revise-empty = hãy nói cần đổi video thế nào: chỉ dẫn đang trống
revise-not-finished = lượt { $take } đang { $state }; chỉ video đã xong mới sửa được
revise-not-omni = không sửa được lượt { $take }: chỉ video làm bằng Gemini Omni trên Gemini API mới sửa được
upscale-sizes = chỉ nâng cấp lên 1080p hoặc 4K, không phải { $size }
upscale-not-finished = lượt { $take } đang { $state }; chỉ video đã xong mới nâng cấp được
upscale-not-flow = không nâng cấp được lượt { $take }: chỉ video 720p làm trên Flow mới nâng cấp được (Gemini và Vertex làm thẳng 1080p và 4K: hãy chọn độ phân giải khi tạo)
status-take = lượt
status-scene = cảnh
status-copy = bản
status-state = trạng thái
status-account = tài khoản
status-file-or-reason = tệp hoặc lý do
status-no-batches = Chưa có lô nào.
status-batch = lô
status-label = nhãn
status-takes = lượt
status-done = xong
status-failed = lỗi
status-unsettled = chưa rõ
cli-demo-failed = không khởi động được trình mô phỏng chạy thử: { $error }
cli-no-accounts = chưa có tài khoản nào trong { $file }: ghép nối trình duyệt của một tài khoản Flow bằng `flowdeck bridge pair TÊN`, thêm tài khoản Gemini bằng `flowdeck accounts add TÊN --provider gemini`, hoặc thử `flowdeck run --demo`
cli-no-usable-account =
    không dùng được tài khoản nào:
    { $list }
cli-browser-missing = { $account }: trình duyệt của nó chưa kết nối nên chưa nhận việc (hãy mở hồ sơ trình duyệt đã ghép nối với { $account }; tiện ích tự kết nối)
cli-skipping-account = bỏ qua tài khoản { $account }: { $reason }
cli-account-unusable = không dùng được tài khoản { $account }: { $reason }
cli-demo-after = Đây là bản chạy thử với trình mô phỏng: lời nhắc có #unsafe (tệp mẫu có một) cố ý bị từ chối để cho thấy một lần từ chối trông thế nào. Sổ ghi của nó nằm ở { $folder } đến lần chạy thử sau: `flowdeck status --demo` liệt kê nó.
cli-nothing-to-resume = Không có gì để tiếp tục: mọi lô trong sổ ghi đều đã xong.
cli-retry-what = hãy nêu các lượt cần thử lại, hoặc --batch N cho các lượt lỗi của lô đó
cli-its-account = tài khoản của nó
cli-retry-uncertain = lượt { $take } đã được gửi trước đó và có thể đã có trên { $account }; gửi lại có thể tốn tín dụng lần nữa
cli-take-error = lượt { $take }: { $error }

## The command line: accounts
cli-secret-pairing = bí mật ghép nối
cli-secret-gemini = khoá API Gemini (lấy ở aistudio.google.com/apikey)
cli-secret-vertex = thông tin xác thực
cli-paste-secret = Dán { $what } cho { $account }:
cli-secret-unreadable = không đọc được bí mật: { $error }
cli-secret-stdin-unreadable = không đọc được bí mật từ đầu vào chuẩn: { $error }
cli-no-secret = chưa đưa bí mật nào
cli-account-exists = đã có tài khoản "{ $account }"; dùng --replace để đưa nó bí mật mới
cli-not-an-email = "{ $email }" không phải địa chỉ email
cli-vertex-only-flag = { $flag } chỉ dành cho tài khoản Vertex (--provider vertex)
cli-note = lưu ý: { $note }
cli-env-not-set = lưu ý: { $var } hiện chưa được đặt; hãy đặt nó trước khi chạy flowdeck
cli-account-saved = Đã lưu tài khoản { $account } vào { $file }.
cli-connect-browser = Giờ hãy kết nối trình duyệt của nó (Chrome có tiện ích flowdeck, đăng nhập đúng tài khoản Google đó): flowdeck bridge pair { $account }
cli-the-keyring = kho khoá
cli-account-saved-secret = Đã lưu tài khoản { $account } vào { $file } (bí mật ở { $place }).
cli-check-it = Kiểm tra nó bằng: flowdeck accounts check { $account }
cli-no-accounts-yet = Chưa có tài khoản nào. Thêm một cái bằng `flowdeck accounts add TÊN`.
cli-col-name = tên
cli-col-provider = dịch vụ
cli-col-secret = bí mật
cli-col-email = email
cli-col-enabled = bật
cli-secret-key-file = tệp khoá
cli-secret-command = lệnh
cli-keyring = kho khoá
cli-yes = có
cli-no = không
no-such-account = không có tài khoản "{ $account }"
cli-keyring-not-removed = lưu ý: không xoá được mục trong kho khoá: { $error }
cli-account-removed = Đã xoá tài khoản { $account }.
cli-no-accounts-to-check = không có tài khoản nào để kiểm tra; thêm một cái bằng `flowdeck accounts add TÊN`
cli-browser-connected = trình duyệt đã kết nối
cli-makes = làm được: { $models }
cli-makes-from = làm được: { $models } (theo { $from } của Flow)
cli-makes-built-in = làm được: danh sách mô hình có sẵn của flowdeck ({ $from }: Flow không cho biết tài khoản này có mô hình nào; câu trả lời cho video đầu tiên sẽ quyết định)
cli-check-warning = cảnh báo: { $rpc } không trả lời theo dạng flowdeck đọc được ({ $detail }); flowdeck vẫn tiếp tục mà không cần nó
cli-vertex-flags = Tài khoản Vertex nhận --project, --location, --credentials hoặc --token-command (không nhận --secret-env, --project-id hay --email)
cli-key-file-is = Tệp khoá { $file } là của tài khoản dịch vụ { $email }.

## The command line: doctor and pairing
doctor-works = chạy được: { $detail }
doctor-works-warned = chạy được: { $detail }. Cảnh báo: { $reads } không trả lời theo dạng flowdeck đọc được; flowdeck vẫn tiếp tục mà không cần nó (dùng danh sách mô hình có sẵn, nếu là về mô hình) và để chính câu trả lời của Flow quyết định (chi tiết trong `flowdeck doctor --json`)
doctor-protocol = bảng giao thức Flow { $version } (có sẵn)
doctor-protocol-override = bảng giao thức Flow { $version }, với các thay đổi của bạn từ { $file }
flow-protocol-override-bad = không dùng được tệp sửa giao thức Flow: { $error }. Hãy sửa hoặc xóa tệp (khi đó flowdeck dùng bảng có sẵn)
doctor-signed-out = đã đăng xuất: { $detail }
doctor-not-checked = chưa kiểm tra: { $detail }
doctor-unknown-shape = dịch vụ trả lời theo dạng flowdeck không biết ({ $detail }); có thể nó đã thay đổi: hãy báo lại (kết quả của `flowdeck doctor --json`, không chứa bí mật nào) cho nơi theo dõi lỗi của flowdeck
doctor-unreachable = giờ chưa kiểm tra được: { $detail }
doctor-refused = không làm được video: { $detail }
cli-doctor-none-passed = không tài khoản nào qua được `flowdeck doctor` ({ $accounts }); chưa gửi gì. Hãy sửa chúng, hoặc chạy với --skip-doctor để vẫn gửi
cli-doctor-skipping = bỏ qua tài khoản { $account }: nó không qua được `flowdeck doctor`
cli-pair-not-flow = "{ $account }" là tài khoản { $provider }; chỉ tài khoản Flow mới ghép nối trình duyệt
cli-pair-env-unset = tài khoản "{ $account }" giữ bí mật ghép nối trong ${ $var }, mà biến này chưa được đặt; hãy đặt nó thành một giá trị ngẫu nhiên dài (ví dụ `openssl rand -hex 32`) rồi ghép nối lại
cli-pair-env-short = ${ $var } quá ngắn để làm bí mật ghép nối (dùng từ 32 chữ số hex ngẫu nhiên trở lên)
cli-pair-no-keyring = không có kho khoá nào ({ $why }), nên việc ghép nối sẽ mất khi lệnh này kết thúc. Hãy cho tài khoản một biến secret_env giữ một bí mật ngẫu nhiên (ví dụ `openssl rand -hex 32`) rồi ghép nối lại
cli-pair-open = Mở địa chỉ này trong hồ sơ trình duyệt của { $account }: { $url }
cli-pair-open-yourself = { $error }; hãy tự mở địa chỉ đó
cli-pair-unknown-account = một tài khoản mà tiện ích chưa đọc được
cli-paired = Đã ghép nối { $account }: trình duyệt đó đăng nhập Google với { $who }.
cli-pair-wrong-account = Cảnh báo: { $account } cần { $want }. flowdeck không gửi gì cho { $account } cho đến khi trình duyệt đó đăng nhập bằng { $want } (hoặc đổi email của tài khoản trong { $file }).
cli-waiting-for-browsers = đang chờ tối đa { $seconds } giây trình duyệt của { $accounts } (Chrome có tiện ích flowdeck)…

## The command line: the simulator
sim-seconds = { $flag } phải là một số giây dương
sim-rate = { $flag } là một tỉ lệ từ 0 đến 1, không phải { $value }
sim-cannot-listen = không nghe được ở cổng { $port }: { $error }
sim-title = trình mô phỏng Flow (flow.google.com, batchexecute) và Gemini API của flowdeck
sim-cdn = CDN địa chỉ ký:  { $url }
sim-report = báo cáo:         { $url }
sim-flow-accounts =
    Tài khoản Flow: mở liên kết đăng nhập trong hồ sơ trình duyệt của tài khoản (có
    tiện ích flowdeck), rồi chạy `flowdeck bridge pair TÊN` trong đó:
sim-gemini-accounts = Tài khoản Gemini (các khoá API giả của trình mô phỏng, in ra để dán):
sim-ctrl-c = Ctrl-C để dừng.
sim-no-ctrl-c = không chờ được Ctrl-C: { $error }

## The command line's --help (clap reads the doc comments; these replace them)
help-about = flowdeck: đưa lời nhắc cảnh vào, nhận video ra (Veo của Flow, Gemini Omni), trên nhiều tài khoản cùng lúc.
help-arg-config = Tệp cài đặt (mặc định: thư mục cấu hình của hệ điều hành, hoặc FLOWDECK_CONFIG).
help-arg-verbose = Ghi nhật ký nhiều hơn ra luồng lỗi chuẩn: -v info, -vv debug.
help-arg-demo = Mở cửa sổ với trình mô phỏng tích hợp sẵn có ba tài khoản demo.
help-arg-theme = Giao diện của cửa sổ cho lần chạy này: system, light hoặc dark.
help-arg-lang = Ngôn ngữ của cửa sổ và của đầu ra này: en hoặc vi (mặc định: theo cài đặt, nếu không thì theo hệ thống).
help-arg-help = In trợ giúp
help-arg-version = In phiên bản
help-cmd-run = Tạo video cho mọi cảnh trong một tệp lời nhắc.
help-cmd-resume = Tiếp tục các lô chưa xong từ sổ ghi.
help-cmd-retry = Thử lại các lượt: tải lại một video tải xuống bị lỗi, hoặc gửi lại một lượt thất bại (việc này lại tốn tín dụng, nên chỉ làm khi được yêu cầu).
help-cmd-status = Liệt kê các lô và các lượt của chúng từ sổ ghi.
help-cmd-export = Ghi kết quả của một lô (lời nhắc, trạng thái, lý do, tệp, tài khoản, hạt giống, id phía dịch vụ) thành CSV.
help-cmd-revise = Chỉnh sửa một video Gemini Omni đã xong bằng một chỉ dẫn mới (một video mới trên cùng tài khoản; tốn tín dụng như mọi video khác).
help-cmd-upscale = Nâng độ phân giải một video Flow đã xong lên 1080p hoặc 4K (một video mới trên cùng tài khoản, đặt cạnh bản gốc; 4K tốn 50 tín dụng).
help-cmd-doctor = Kiểm tra, không tốn gì, xem mỗi tài khoản có còn hoạt động đúng như flowdeck cần (chỉ gọi đọc; mỗi tài khoản một kết luận).
help-cmd-accounts = Thêm, liệt kê, đổi tên, xoá hoặc kiểm tra tài khoản.
help-cmd-bridge = Cầu nối trình duyệt: ghép nối hồ sơ trình duyệt của một tài khoản Flow.
help-cmd-sim = Chạy trình mô phỏng cục bộ của Flow và Gemini API, rồi in ra các tài khoản của nó.
help-run-prompts = Tệp lời nhắc: .txt (mỗi dòng một cảnh), .csv, .json hoặc bảng tính (.xlsx, .ods). Với --demo có thể bỏ trống: dùng bộ mẫu có sẵn.
help-run-out = Thư mục lưu video (mặc định: [output] dir trong cài đặt, hoặc Videos/flowdeck; video của bản chạy thử nằm trong thư mục riêng của nó).
help-run-accounts = Chỉ dùng các tài khoản này, phân cách bằng dấu phẩy.
help-run-model = Mô hình: veo-3.1-fast (mặc định; omni-flash trong bản demo), veo-3.1, veo-3.1-lite, omni-flash, veo-3-fast, hoặc id riêng của nhà cung cấp.
help-run-aspect = Tỉ lệ khung: landscape (16:9) hoặc portrait (9:16).
help-run-copies = Số video cho mỗi cảnh.
help-run-duration = Số giây mỗi video (8 nếu không ghi). Độ dài khả dụng tuỳ mô hình: Veo của Flow làm 8 giây; Omni Flash từ 3 đến 10, hoặc hơn nếu danh sách mô hình của khoá cho phép.
help-run-resolution = 360p, 720p, 1080p hoặc 4k (tuỳ mô hình và tài khoản).
help-run-seed = Hạt giống cố định (bản thứ i nhận seed + i); ngẫu nhiên nếu không ghi.
help-run-sequential = Mỗi lần một video, theo thứ tự.
help-run-paragraphs = Trong tệp .txt, dòng trống phân tách các cảnh (một cảnh có thể dài nhiều dòng).
help-run-json = In mỗi dòng một sự kiện JSON thay cho thanh tiến trình.
help-run-demo = Chạy với trình mô phỏng tích hợp sẵn có ba tài khoản demo (không cần tài khoản Google).
help-run-skip-doctor = Không chạy trước các kiểm tra chỉ đọc của `flowdeck doctor` (nếu có chạy, tài khoản không đạt sẽ bị loại ra).
help-resume-json = In mỗi dòng một sự kiện JSON thay cho thanh tiến trình.
help-retry-takes = Các lượt cần thử lại, theo id (xem `flowdeck status --batch N`).
help-retry-batch = Thử lại mọi lượt thất bại của lô này.
help-retry-json = In mỗi dòng một sự kiện JSON thay cho thanh tiến trình.
help-retry-yes = Gửi lại mà không hỏi các lượt bị dịch vụ từ chối vì chính sách (mỗi lượt lại tốn tín dụng).
help-status-batch = Hiện các lượt của lô này.
help-status-json = In ra JSON.
help-status-demo = Dùng sổ ghi của lần demo gần nhất thay cho sổ ghi của bạn.
help-export-batch = Lô cần xuất (số của nó trong `flowdeck status`).
help-export-out = Nơi ghi (mặc định: batch-N-results.csv trong thư mục video của lô); `-` để ghi ra đầu ra chuẩn.
help-export-demo = Dùng sổ ghi của lần demo gần nhất thay cho sổ ghi của bạn.
help-revise-take = Lượt đã xong cần chỉnh sửa, theo id (xem `flowdeck status --batch N`).
help-revise-instruction = Cần thay đổi gì, ví dụ "chuyển sang ban đêm, giữ nguyên chuyển động máy quay".
help-revise-copies = Số video tạo từ chỉ dẫn.
help-revise-json = In mỗi dòng một sự kiện JSON thay cho thanh tiến trình.
help-upscale-take = Lượt đã xong cần nâng độ phân giải, theo id (xem `flowdeck status --batch N`).
help-upscale-to = 1080p, hoặc 4k (4K tốn 50 tín dụng).
help-upscale-json = In mỗi dòng một sự kiện JSON thay cho thanh tiến trình.
help-doctor-names = Chỉ các tài khoản này (tất cả nếu không nêu tên).
help-doctor-json = Mỗi tài khoản một đối tượng JSON thay cho các dòng chữ.
help-cmd-accounts-add = Thêm một tài khoản. Khoá API Gemini được đọc từ đầu vào chuẩn (hoặc --secret-env khi chạy); tài khoản Flow sau đó được kết nối với trình duyệt của nó bằng `flowdeck bridge pair`; tài khoản Vertex ghi rõ dự án và tệp khoá (hoặc dùng thông tin xác thực của gcloud).
help-cmd-accounts-list = Liệt kê các tài khoản.
help-cmd-accounts-remove = Xoá một tài khoản cùng mục của nó trong keyring.
help-cmd-accounts-check = Kiểm tra tài khoản: trình duyệt của tài khoản Flow, tài khoản đang đăng nhập, gói và tín dụng; khoá Gemini và các mô hình của nó; thông tin xác thực và mô hình của dự án Vertex (tất cả tài khoản nếu không nêu tên).
help-accounts-add-secret-env = Khi chạy, đọc khoá bí mật từ biến môi trường này thay vì từ keyring.
help-accounts-add-project-id = Đưa video vào dự án Flow có sẵn này.
help-accounts-add-email = Flow: tài khoản Google mà trình duyệt phải đăng nhập.
help-accounts-add-concurrency = Số video được tạo cùng lúc trên tài khoản này.
help-accounts-add-replace = Thay khoá bí mật của một tài khoản đã có ("đăng nhập lại").
help-accounts-add-project = Vertex: dự án Google Cloud chạy và tính phí các video.
help-accounts-add-location = Vertex: vùng (mặc định us-central1), hoặc global.
help-accounts-add-credentials = Vertex: tệp khoá của tài khoản dịch vụ (chỉ lưu đường dẫn). Dùng Application Default Credentials khi không có tuỳ chọn này lẫn --token-command.
help-accounts-add-token-command = Vertex: một lệnh in ra mã truy cập (access token), ví dụ "gcloud auth print-access-token".
help-accounts-add-storage-uri = Vertex: ghi video của tài khoản này vào gs://bucket/prefix (rồi tải về từ đó).
help-cmd-bridge-pair = Ghép nối một hồ sơ trình duyệt (có tiện ích flowdeck) với một tài khoản Flow.
help-bridge-pair-name = Tài khoản Flow; sẽ được thêm nếu chưa có.
help-bridge-pair-no-open = In URL ghép nối mà không mở nó trong trình duyệt mặc định.
help-bridge-pair-timeout = Thôi chờ sau số giây này.
help-sim-port = Cổng của origin giả lập Flow và các route của Gemini API.
help-sim-cdn-port = Cổng cho CDN URL có chữ ký (0 = cổng trống bất kỳ).
help-sim-accounts = Số tài khoản.
help-sim-gemini-accounts = Số tài khoản Gemini API (khoá API) bên cạnh các tài khoản Flow.
help-sim-generation-secs = Số giây từ lúc tạo đến khi video xong.
help-sim-credits = Số tín dụng mỗi tài khoản.
help-sim-plan = Gói Flow của mọi tài khoản: 1 miễn phí, 2 Pro, 3 Ultra.
help-sim-video-bytes = Kích thước mỗi video tính bằng byte (mặc định: một clip thật nhỏ).
help-sim-poll-5xx = Tỉ lệ lệnh gọi trạng thái bị trả lời bằng 5xx (0–1).
help-sim-create-429 = Tỉ lệ lệnh tạo bị từ chối do giới hạn tốc độ (0–1).
help-sim-refuse-token = Tỉ lệ lệnh tạo trên Flow có token reCAPTCHA bị từ chối vì hoạt động bất thường (0–1).
help-sim-lost-answer = Tỉ lệ lệnh tạo trên Flow đã thực hiện nhưng mất phản hồi (0–1).
help-sim-create-5xx = Tỉ lệ lệnh tạo trên Gemini và Vertex đã thực hiện nhưng bị trả lời bằng 503 (0–1).
help-sim-cut-downloads = Tỉ lệ tải xuống bị ngắt giữa chừng (0–1).
help-sim-quiet-cuts = Tỉ lệ tải xuống nguyên tệp dừng giữa chừng mà không có độ dài lẫn lỗi (0–1).
help-sim-slow = Tỉ lệ phản hồi chậm (0–1), mỗi phản hồi bị trễ --slow-ms.
help-sim-seed = Hạt giống cho xúc xắc lỗi.

## --help: arguments the code had no words for, and clap's help command
help-accounts-remove-name = Tài khoản cần xoá.
help-accounts-check-names = Các tài khoản cần kiểm tra (tất cả nếu không nêu tên nào).
help-accounts-add-name = Tên của tài khoản trong flowdeck (chữ, số, - và _).
help-accounts-add-provider = Nơi tài khoản làm video: flow, gemini hoặc vertex.
help-sim-slow-ms = Một câu trả lời bị làm chậm chờ bao lâu, tính bằng mili giây.
help-cmd-help = In thông điệp này hoặc phần trợ giúp của (các) lệnh con đã nêu

## --help: clap's headings
help-usage = Cách dùng:
help-heading-arguments = Đối số
help-heading-options = Tuỳ chọn
help-heading-commands = Lệnh

## The command line: account checks
cli-check-ok = được
cli-check-fail = LỖI

## Examples in empty fields
compose-prompt-file-example = /đường/dẫn/tới/lời-nhắc.csv
accounts-cloud-project-example = id-du-an-cua-toi

## Why a call to a service failed (the service's own words stay as it said them)
error-unauthorized = mã truy cập bị từ chối
error-sign-in-again = tài khoản này phải đăng nhập lại: { $why }
error-account-denied = tài khoản này không được phép tạo video: { $why }
error-captcha = reCAPTCHA: { $why }
error-throttled-wait = dịch vụ đang giới hạn tốc độ ({ $why }); thử lại sau { $seconds } giây
error-throttled = dịch vụ đang giới hạn tốc độ ({ $why })
error-quota = hết tín dụng hoặc hạn mức: { $why }
error-policy = { $message } ({ $code })
error-invalid = dịch vụ từ chối yêu cầu: { $why }
error-not-found = không tìm thấy: { $why }
error-transient = lỗi tạm thời: { $why }
error-no-answer = dịch vụ không trả lời: { $why }
error-unexpected = câu trả lời không mong đợi (HTTP { $status }): { $excerpt }
error-file = lỗi tệp: { $error }

## The engine: batches, chains, takes
chain-broken = cảnh { $scene } (lượt { $take }), cảnh mà nó nối tiếp, { $what }
chain-no-account = không ghi tài khoản nào
chain-failed = đã lỗi
chain-timed-out = đã quá hạn
chain-canceled = đã bị huỷ
chain-uncertain = có thể không tồn tại (chưa rõ)
chain-no-file = lượt { $take } không ghi tệp nào
chain-no-last-frame = không lấy được khung hình cuối của cảnh { $scene }: { $error }
chain-no-remote = lượt { $take } không ghi mã phía dịch vụ nào
frame-reader-stopped = bộ đọc khung hình đã dừng ({ $error })
chain-not-earlier = nó nối tiếp cảnh { $scene }, nhưng một cảnh chỉ nối tiếp được cảnh trước nó (1 đến { $last })
chain-same-way = nó nối tiếp cảnh { $scene }, nên phải làm cùng cách: { $model } { $aspect } (nó ghi { $its_model } { $its_aspect })
chain-no-pictures = nó nối tiếp cảnh { $scene }, nên bắt đầu từ video đó và không nhận ảnh riêng
chain-not-revision = một bản sửa không thể đồng thời nối tiếp một cảnh
continues-scene = nối tiếp cảnh { $scene }
batch-folder-unresolved = không xác định được thư mục lưu { $folder }: { $error }
batch-no-scenes = lô không có cảnh nào
batch-empty-prompt = cảnh { $scene } có lời nhắc trống
batch-copies = cảnh { $scene }: số bản phải từ 1 đến 4
batch-scene-error = cảnh { $scene }: { $error }
batch-no-accounts = không có tài khoản nào để chạy nó
batch-made-from = { $model } { $aspect } từ { $from }
batch-no-account-can = cảnh { $scene }: không tài khoản nào được chọn làm được { $what }: { $reasons }
batch-template = mẫu tên tệp: { $error }
batch-folder-create = không tạo được thư mục lưu { $folder }: { $error }
batch-folder-unwritable = không ghi được vào thư mục lưu { $folder } ({ $error }); chưa gửi gì
take-stopped-while-sending = flowdeck đã dừng khi đang gửi lượt này; nó có thể đã có trên tài khoản, nên không tự động gửi lại
stall-no-account = không tài khoản nào chạy được nó

## The engine: polling, downloads, lanes, set-up
poll-forgotten = dịch vụ không còn biết video này ({ $why })
poll-canceled = dịch vụ đã huỷ video này
poll-deadline = đến hạn vẫn chưa xong; vẫn giữ lại, và có thể kiểm tra lại sau
download-name-escapes = tên tệp { $name } đi ra ngoài thư mục lưu
download-interrupted = tải xuống bị ngắt: { $error }
download-wrong-size = tệp có { $bytes } byte, không phải { $expected }
download-check-failed = kiểm tra tệp không được: { $error }
download-not-whole = tệp tải về không phải một MP4 nguyên vẹn: { $why }; đang tải lại
download-unwritable = không ghi được video vào { $folder } ({ $error }); video vẫn còn: hãy cho phép ghi vào thư mục hoặc giải phóng dung lượng, rồi thử lại để tải về
download-gave-up = tải xuống lỗi { $times } lần ({ $error }); video vẫn còn: hãy thử lại để tải về
lane-credentials-refused = dịch vụ từ chối thông tin xác thực của tài khoản
lane-interrupted = việc gửi bị ngắt bởi một lỗi nội bộ ({ $error }); nó có thể đã có trên tài khoản, nên không tự động gửi lại
lane-absent-too-often = đã gửi { $times } lần mà sau đó vẫn không thấy trong dự án Flow của tài khoản; flowdeck ngừng gửi cảnh này (Thử lại sẽ gửi lần nữa)
lane-project-gone = dự án Flow mà nó được gửi tới không còn nữa (đã bị xóa trong Flow?), nên không kiểm tra được nó đã được làm hay chưa; flowdeck không tự gửi lại (Thử lại sẽ gửi lần nữa)
lane-panics = flowdeck gặp lỗi nội bộ trên tài khoản này { $times } lần (lần cuối: { $error }); nó không nhận việc mới. Hãy báo lại lỗi này, kèm nhật ký
submit-ledger-failed = sổ ghi bị lỗi khi đang gửi: { $error }
submit-fewer-videos = dịch vụ trả về ít video hơn số đã yêu cầu; video này có thể vẫn tồn tại
doctor-no-answer = không có trả lời trong { $seconds } giây
setup-flow-no-secret = Tài khoản Flow không có bí mật để gõ: hãy ghép nối trình duyệt của tài khoản bằng `flowdeck bridge pair TÊN` (hoặc "Nối một trình duyệt" trong cửa sổ)
setup-vertex-no-secret = Tài khoản Vertex không giữ bí mật trong flowdeck: hãy nêu một tệp khoá tài khoản dịch vụ (credentials = "…"), một lệnh lấy mã, hoặc dùng Application Default Credentials
setup-no-bridge = Tài khoản Flow cần cầu nối trình duyệt, mà cầu nối đang không chạy
setup-not-paired = chưa có trình duyệt nào được ghép nối với tài khoản Flow này: hãy chạy `flowdeck bridge pair { $account }` (hoặc "Nối một trình duyệt" trong cửa sổ)
setup-no-such-account = không có tài khoản "{ $account }" trong cài đặt

## A scene's pictures
inputs-text = chỉ văn bản
inputs-start = một ảnh đầu
inputs-start-end = ảnh đầu và ảnh cuối
inputs-references = { $count } ảnh tham chiếu
inputs-video = một video trước đó
inputs-extend = phần cuối của một cảnh trước (một chuỗi)
inputs-end-needs-start = ảnh cuối cần có cả ảnh đầu
inputs-too-many-references = { $count } ảnh tham chiếu: mỗi cảnh tối đa { $most }
inputs-not-both = một cảnh nhận ảnh đầu/cuối hoặc ảnh tham chiếu, không nhận cả hai
inputs-start-file = đầu: { $file }
inputs-end-file = cuối: { $file }
inputs-reference-files = tham chiếu: { $files }

## Models, aspects, resolutions
model-unknown-aspect = tỉ lệ khung không rõ "{ $value }": dùng landscape (16:9) hoặc portrait (9:16)
model-name-empty = tên mô hình đang trống
model-not-a-name = "{ $value }" không phải tên mô hình
model-unknown-resolution = độ phân giải không rõ "{ $value }": dùng 360p, 720p, 1080p hoặc 4k

## Reading prompt files and pictures
picture-not-image = không phải ảnh PNG, JPEG hay WebP
picture-damaged = ảnh bị hỏng (không đọc được kích thước)
picture-too-small = { $width }×{ $height } điểm ảnh là quá nhỏ: mỗi cạnh phải từ { $least } trở lên
import-no-file = không có tệp nào ở { $file }
import-cannot-read = không đọc được { $file }: { $error }
import-not-a-file = { $file } không phải một tệp
import-image-too-large = { $file } nặng { $mb } MB; ảnh chỉ được tối đa { $most } MB
import-sheet-unreadable = không đọc được bảng tính ({ $error }); hãy lưu lại thành .xlsx rồi thử lại
import-first-sheet-unreadable = không đọc được trang tính đầu tiên: { $error }
import-no-sheets = bảng tính không có trang tính nào
import-cell-error = ô này chứa lỗi { $error }: hãy sửa công thức của nó
import-row = hàng { $row }
import-line = dòng { $line }
import-line-row = dòng { $line } (hàng { $row })
import-line-column = dòng { $line }, cột { $column }
import-item = mục { $item }
import-bad-json = JSON không hợp lệ: { $error }
import-json-shape = cần một mảng các cảnh hoặc {"{"}"scenes": [...]{"}"}
import-json-no-prompt = cảnh không có "prompt"
import-json-value = "{ $key }" phải là chữ hoặc số
import-json-scene = một cảnh phải là chuỗi hoặc đối tượng
import-csv-quote = một dấu ngoặc kép mở ở đây mà không bao giờ đóng, nên mọi dòng sau nó sẽ bị đọc thành một lời nhắc: hãy đóng dấu ngoặc (viết "" cho dấu ngoặc kép nằm trong lời nhắc có ngoặc)
import-csv-header = không đọc được hàng tiêu đề
import-file-unreadable = không đọc được tệp: { $error }
import-not-utf8 = tệp không phải UTF-8 hợp lệ (hãy lưu thành UTF-8 rồi thử lại)
import-unknown-type = loại tệp lời nhắc không rõ ".{ $ext }": dùng .txt, .csv, .json hoặc bảng tính (.xlsx, .ods)
import-kinds = .txt, .csv, .json hoặc bảng tính (.xlsx, .ods)
import-no-prompts = tệp không chứa lời nhắc nào
import-continues-itself = cảnh { $scene } nối tiếp chính nó: một cảnh chỉ nối tiếp được cảnh trước nó
import-continues-later = cảnh { $scene } nối tiếp cảnh { $later }, là cảnh đến sau: một cảnh chỉ nối tiếp được cảnh trước nó
import-empty-prompt = lời nhắc đang trống
import-copies = số bản phải từ 1 đến 4, không phải "{ $value }"
import-duration = thời lượng phải là 4, 6 hoặc 8 giây, không phải "{ $value }"
import-continue = continue phải nêu số của một cảnh trước, không phải "{ $value }"
import-seed = seed phải là số nguyên từ 0 đến 2147483647, không phải "{ $value }"
import-unknown-column = cột không rõ "{ $column }"
import-chain-no-images = một cảnh nối tiếp cảnh khác bắt đầu từ video của cảnh đó và không nhận ảnh
import-no-prompt-column = hàng tiêu đề không có cột "prompt"
import-unknown-column-known = cột không rõ "{ $column }"; các cột đã biết: { $known }
import-no-heading = "{ $value }" nằm ở cột { $column } là cột không có tiêu đề: hãy đặt tên cột hoặc xoá ô đó

## The settings file
config-unreadable = không đọc được cài đặt: { $error }
config-not-utf8 = tệp không phải UTF-8 hợp lệ
config-not-url = [{ $section }] { $key } "{ $url }" không phải địa chỉ http(s)
config-same-name = có hai tài khoản cùng tên "{ $account }"
config-secret-env = tài khoản "{ $account }": secret_env không phải tên biến
config-email = tài khoản "{ $account }": email không phải địa chỉ email
config-concurrency = tài khoản "{ $account }": concurrency phải từ 1 đến 32
config-account-error = tài khoản "{ $account }": { $error }
config-cannot-write = không ghi được: { $error }
config-cannot-create-folder = không tạo được thư mục: { $error }
config-cannot-replace = không thay được tệp: { $error }
config-unknown-provider = dịch vụ không rõ "{ $value }": dùng flow, gemini hoặc vertex
config-vertex-both = hãy cho credentials (một tệp khoá) hoặc token_command, không cho cả hai
config-vertex-empty-path = credentials là một đường dẫn trống
config-vertex-empty-command = token_command đang trống
config-vertex-secret-env = tài khoản Vertex không dùng secret_env: hãy nêu một tệp khoá bằng credentials, hoặc dùng Application Default Credentials
config-name-empty = có một tài khoản tên trống
config-name-long = tên tài khoản "{ $account }" dài hơn 40 ký tự
config-name-chars = tên tài khoản "{ $account }" chỉ được chứa chữ, số, dấu cách và - _ . @
config-unknown-theme = giao diện không rõ "{ $value }": dùng system, light hoặc dark

## Flow: refusals, the account, the browser
flow-policy-unsafe = Bộ lọc an toàn của Google đã từ chối lời nhắc này hoặc video của nó
flow-policy-sexual = Bị từ chối vì là nội dung tình dục
flow-policy-violence = Bị từ chối vì quá bạo lực
flow-policy-danger = Bị từ chối vì là nội dung nguy hiểm
flow-policy-minor = Bị từ chối vì có vẻ liên quan đến trẻ vị thành niên
flow-policy-reputation = Bị từ chối vì có thể hại đến danh tiếng của ai đó
flow-policy-famous = Bị từ chối vì nêu tên hoặc cho thấy một người nổi tiếng
flow-policy-ip = Bị từ chối vì có thể cho thấy nhân vật, thương hiệu hoặc logo được bảo hộ
flow-policy-audio = Âm thanh bị lọc, nên không có video nào được giao
flow-policy-animal = Bị từ chối: hãy tả con vật chính xác hơn
flow-policy-english = Bị từ chối: mô hình này cần lời nhắc bằng tiếng Anh
flow-policy-too-long = Bị từ chối: lời nhắc quá dài
flow-policy-other = Google đã từ chối lời nhắc này ({ $code })
flow-account-unavailable = Flow không dùng được với tài khoản này
flow-account-region = Flow không có ở khu vực của tài khoản này
flow-account-minor = Flow không dành cho tài khoản của trẻ vị thành niên
flow-account-refused = tài khoản đã bị từ chối
flow-quota = { $code }: tài khoản đã hết tín dụng hoặc hạn mức
flow-model-quota = tài khoản này đã hết hạn mức trong ngày cho mô hình này trên Flow ({ $code }); chưa có gì được làm hay bị tính phí. Mô hình này chờ đến lần đặt lại tiếp theo (nửa đêm UTC) trên tài khoản này, các mô hình và tài khoản khác vẫn tiếp tục
flow-model-denied = Flow không cho tài khoản này dùng mô hình này ({ $code }); chưa có gì được làm hay bị tính phí. Các cảnh của nó được chuyển sang tài khoản được phép dùng
flow-model-not-for-account = Flow không cho tài khoản này dùng dòng mô hình { $family }; các cảnh của nó được chuyển sang tài khoản khác
flow-model-resting = tài khoản này đã hết hạn mức trong ngày cho dòng mô hình { $family }; có thể dùng lại sau { $minutes } phút (nửa đêm UTC)
flow-flagged = Flow đánh dấu hoạt động bất thường trên tài khoản này và từ chối yêu cầu (không có gì được tạo hay bị tính phí). flowdeck tạm giữ tài khoản: hãy chờ một lúc, mở Flow trong trình duyệt đó để kiểm tra tài khoản vẫn ổn, rồi cho nó chạy tiếp ({ $code })
flow-tab-not-ready = thẻ Flow chưa sẵn sàng kịp lúc: { $why }
flow-waiting-browser = đang chờ trình duyệt: hãy mở hồ sơ trình duyệt đã ghép nối với tài khoản này (có tiện ích flowdeck)
flow-wrong-google-account = trình duyệt ghép nối với tài khoản này đang đăng nhập Google bằng { $actual }, không phải { $expected }: hãy đăng nhập bằng { $expected } trong hồ sơ trình duyệt đó, hoặc ghép nối đúng hồ sơ
flow-unknown-google-account = chưa biết trình duyệt đang đăng nhập tài khoản Google nào (cần { $expected }); chưa tạo gì cho đến khi nó cho biết

## What each service can make
flow-720p-only = Flow làm video 720p; { $resolution } cần bước nâng cấp của Flow, mà flowdeck chưa làm: hãy chọn 720p, hoặc dùng một tài khoản Gemini API
flow-durations = Flow làm video { $model } dài { $allowed } giây với gói { $plan }, không phải { $seconds }
flow-retired-model = Flow không còn cung cấp { $model }; hãy chọn veo-3.1-fast, veo-3.1, veo-3.1-lite hoặc omni-flash
flow-no-short-portrait = Flow không có khoá dọc { $seconds } giây; hãy chọn 8 giây hoặc khung ngang
flow-not-a-key = "{ $key }" không phải khoá mô hình Flow (khoá Flow trông như veo_3_1_t2v_fast)
flow-unknown-key = "{ $key }" không phải khoá mô hình Flow mà flowdeck biết: hãy chọn veo-3.1-fast, veo-3.1, veo-3.1-lite hoặc omni-flash, hoặc một khoá như veo_3_1_t2v_fast hay abra_t2v_8s
flow-key-duration = với khoá Flow thô ({ $key }), hãy chọn thời lượng qua chính khoá đó
flow-key-portrait = khoá mô hình Flow { $key } làm video dọc nhưng yêu cầu là khung ngang
flow-image-durations = Flow làm video { $model } từ { $from } dài { $allowed } giây, không phải { $seconds }
flow-key-references = ảnh tham chiếu
flow-key-mismatch = khoá Flow { $key } làm video từ { $from }, nhưng cảnh này có { $has }
flow-unknown-image-key = "{ $key }" không phải khoá ảnh Flow mà flowdeck biết (như veo_3_1_i2v_lite hoặc abra_i2v_8s)
flow-image-key-unknown = flowdeck chưa biết khoá của Flow cho { $model } từ { $from }: hãy chọn { $choose }
flow-choose-omni-or-landscape = omni-flash, hoặc khung ngang
gemini-not-a-model = "{ $id }" không phải mô hình video của Gemini API (chúng trông như gemini-omni-1.2-flash)
gemini-no-id = { $model } không có id trên Gemini API
omni-durations = { $id } làm video dài từ { $lo } đến { $hi } giây, không phải { $seconds }
veo-durations = Veo làm video dài 4, 6 hoặc 8 giây, không phải { $seconds }
model-no-resolution = { $id } không làm được { $resolution }
gemini-pictures-omni-only = trên Gemini API, flowdeck chỉ gửi { $what } cho Gemini Omni (hãy chọn omni-flash)
gemini-no-veo2 = flowdeck không chạy Veo 2 trên Gemini API
veo-size-needs-8 = { $resolution } cần 8 giây trên Veo (yêu cầu là { $seconds })
gemini-veo3-1080p = Veo 3 chỉ làm 1080p ở khung ngang
vertex-retired-model = { $model } đã ngừng trên Vertex AI từ 2026-06-30: hãy chọn veo-3.1 hoặc veo-3.1-fast
vertex-no-omni = flowdeck làm Omni Flash trên tài khoản Gemini API, không phải trên Vertex: ở đây hãy chọn veo-3.1 hoặc veo-3.1-fast, hoặc chạy omni-flash trên một tài khoản Gemini
vertex-not-a-model = "{ $id }" không phải mô hình Veo trên Vertex AI (chúng trông như veo-3.1-generate-001)
vertex-no-video-input = Trong flowdeck, Veo trên Vertex AI không làm video từ một video trước (hãy nâng cấp hoặc sửa trên Flow hay Gemini API)
vertex-no-extend = { $id } không nối tiếp video: hãy chọn veo-3.1 hoặc veo-3.1-fast
vertex-extend-size = Veo nối tiếp một cảnh ở 720p và 8 giây (yêu cầu là { $resolution }, { $seconds } giây)
vertex-no-references = { $id } không nhận ảnh tham chiếu: hãy chọn veo-3.1 hoặc veo-3.1-fast
vertex-references-8 = ảnh tham chiếu cần 8 giây trên Veo (yêu cầu là { $seconds })

## Networks and Gemini's answers
net-not-found = không tìm thấy { $host }: hãy kiểm tra kết nối mạng, hoặc địa chỉ trong cài đặt
net-refused = { $host } từ chối kết nối: không có gì trả lời ở địa chỉ đó
net-tls = không tạo được kết nối an toàn tới { $host } (lỗi chứng chỉ; do proxy hay đồng hồ máy?)
net-timeout = { $host } không trả lời kịp: hãy kiểm tra kết nối mạng
net-unreachable = không tới được { $host } từ mạng này
net-other = không tới được { $host }: hãy kiểm tra kết nối mạng
omni-no-video-filtered = dịch vụ kết thúc mà không có video (bị bộ lọc an toàn chặn)
omni-no-video = không có video nào được làm: { $said }
omni-failed-no-reason = dịch vụ báo video bị lỗi mà không nói lý do
omni-cancelled = tương tác đã bị huỷ
omni-incomplete = dịch vụ dừng trước khi video hoàn tất
gemini-key-shape = cái này trông không giống khoá Gemini API (chúng có dạng AIza… và dài 39 ký tự); vẫn giữ lại, và dịch vụ sẽ cho biết nó có chạy không
gemini-no-video-model = khoá này liệt kê { $models } mô hình mà không có mô hình video nào flowdeck dùng được (Veo giờ có trên Vertex AI)
gemini-file-gone = tệp video không còn nữa: Gemini API chỉ giữ video đã tạo trong hai ngày
storage-link-refused = liên kết lưu trữ bị từ chối (HTTP { $status }); đang xin lại
storage-host-status = máy chủ lưu trữ trả lời HTTP { $status }

## Vertex AI: access and credentials
vertex-api-disabled = Vertex AI API chưa được bật trong { $project }: hãy bật aiplatform.googleapis.com (console.cloud.google.com/apis/library/aiplatform.googleapis.com?project={ $project }) rồi thử lại ({ $said })
vertex-no-bucket = thông tin xác thực này không được đọc bucket đầu ra: hãy cấp cho tài khoản dịch vụ quyền Storage Object Viewer (roles/storage.objectViewer) trên nó ({ $said })
vertex-no-project = thông tin xác thực này không được dùng dự án: hãy cấp cho tài khoản dịch vụ quyền Service Usage Consumer (roles/serviceusage.serviceUsageConsumer) ({ $said })
vertex-no-access = thông tin xác thực này không được dùng Vertex AI trong dự án: hãy cấp cho tài khoản dịch vụ quyền Vertex AI User (roles/aiplatform.user) ({ $said })
vertex-credentials-rejected = thông tin xác thực bị từ chối: máy chủ cấp mã từ chối { $what } (khoá đã bị thu hồi hay tài khoản dịch vụ đã bị tắt?)
vertex-command-slow = lệnh lấy mã `{ $command }` chạy quá một phút
vertex-command-failed = lệnh lấy mã `{ $command }` không chạy được: { $error }
vertex-command-no-token = lệnh lấy mã `{ $command }` không in ra mã nào ({ $status }){ $said }
vertex-key-file = tệp khoá { $file }
vertex-token-command = lệnh lấy mã `{ $command }`

## The command line's own errors (clap's, put into words here)
help-default = mặc định: { $value }
help-possible = giá trị có thể: { $values }
help-env = biến môi trường: { $var }
clap-error = lỗi:
clap-more = Muốn biết thêm, hãy thử '--help'.
clap-unknown-argument = có đối số không mong đợi '{ $arg }'
clap-unknown-command = không nhận ra lệnh con '{ $command }'
clap-invalid-value = giá trị '{ $value }' không hợp lệ cho '{ $arg }' (giá trị có thể: { $valid })
clap-bad-value = giá trị '{ $value }' không hợp lệ cho '{ $arg }': { $why }
clap-missing = thiếu các đối số bắt buộc sau: { $args }
clap-missing-command = cần một lệnh con
clap-conflict = không thể dùng đối số '{ $arg }' cùng với '{ $other }'
clap-values = số giá trị cho '{ $arg }' không đúng
clap-no-equals = cần dấu bằng khi gán giá trị cho '{ $arg }'
clap-did-you-mean = gợi ý: có một cái tương tự: '{ $suggestion }'

## The data folder, secrets, the browser bridge
lock-held = một flowdeck khác ({ $holder }) đang làm việc với thư mục dữ liệu { $folder }; hãy chờ nó xong hoặc đóng nó. Trong lúc đó `flowdeck status` cho xem sổ ghi
lock-io = không khoá được thư mục dữ liệu { $folder }: { $error }
lock-another-process = một tiến trình khác
secret-env-missing = tài khoản "{ $account }": biến { $var } (secret_env của nó) chưa được đặt
secret-missing = tài khoản "{ $account }" không có bí mật nào được lưu ({ $why }); hãy thêm lại hoặc đặt secret_env
secret-keyring = kho khoá từ chối: { $why }
bridge-bind = cầu nối trình duyệt không nghe được ở 127.0.0.1:{ $port }: { $why } (có flowdeck khác đang chạy? hãy đặt [bridge] port để dùng cổng khác)
bridge-pairing-timed-out = hết thời gian ghép nối: không trình duyệt nào hoàn tất trong { $seconds } giây
bridge-stopped = cầu nối đã dừng trước khi ghép nối xong

## File-name templates
template-empty = mẫu tên đang trống
template-unclosed = có "{"{"}" mà không có "{"}"}" trong "{ $template }"
template-width = độ rộng sai trong {"{"}{ $field }{"}"}: hãy viết như {"{"}scene:03{"}"}
template-unknown = chỗ điền không rõ {"{"}{ $field }{"}"}; các chỗ đã biết: { $known }
template-separators = dùng / để phân cách thư mục; không được dùng \ và :
template-outside = mẫu tên phải nằm trong thư mục lưu (không bắt đầu bằng /, không có ..)
template-copies = mẫu tên cần {"{"}take{"}"} (hoặc {"{"}seed{"}"}) để mỗi bản có tệp riêng

## Reading a video's frames
frame-cannot-open = không mở được ({ $error })
frame-cannot-read = không đọc được ({ $error })
frame-undecodable = không giải mã được video
frame-not-mp4 = đây không phải video MP4 mà chương trình này đọc được ({ $error })
frame-no-parameters = video của nó không có tham số ({ $error })
frame-no-frames = rãnh video của nó không có khung hình nào
frame-decoder = bộ giải mã không khởi động được ({ $error })
frame-unreadable = không đọc được khung hình { $frame } ({ $error })
frame-undecodable-at = không giải mã được khung hình { $frame } ({ $error })
frame-png = không ghi được PNG ({ $error })

## The window: its title, pictures, accounts
title-progress = { $done }/{ $total } video
frame-decoder-stopped = bộ giải mã đã dừng ({ $error })
picture-undecodable = không giải mã được ({ $error })
account-exists = đã có tài khoản "{ $account }"
accounts-keyring-not-removed = Không xoá được mục của { $account } trong kho khoá: { $error }
accounts-secret-fails = bí mật mới không dùng được: { $error }
accounts-read-from-env = { $account } được đọc từ ${ $var }

## Waiting accounts
accounts-pairing-env = { $account } giữ bí mật ghép nối trong ${ $var }, mà biến này chưa được đặt (hoặc ngắn hơn 16 ký tự)
take-waits-for-account = lượt { $take } đang chờ tài khoản "{ $account }", mà tài khoản này chưa được cấu hình hoặc chưa bật

## Opening files
open-gone = { $file } không còn ở đó nữa
no-file-dialog = máy này không có dịch vụ hộp thoại chọn tệp: không có xdg-desktop-portal, cũng không có zenity
open-failed = không chạy được { $program } để mở { $target }: { $error }

## Accounts' kinds
tier-api-key = khoá API
demo-secrets-in-memory = tài khoản thử chỉ nằm trong bộ nhớ

## Aspects in the menu
aspect-landscape = ngang (16:9)
aspect-portrait = dọc (9:16)

## Joining words

## Issue 23 items 10–11: an extension holds the scenes before it; Vertex models a project offers
holds-scenes = chứa các cảnh { $scenes }
vertex-model-not-offered = { $id } không trả lời cho dự án { $project } ở { $location }: { $offered ->
    [none] ở đó không có mô hình Veo nào trả lời; hãy kiểm tra dự án và xem mô hình có ở vùng này không
   *[other] hãy chọn một mô hình có trả lời ({ $offered }), hoặc xem mô hình đó có ở vùng này không
}

## Issue 23, item 8: answers flowdeck could not read, and `flowdeck report`
help-cmd-report = Ghi một tệp để đính kèm vào báo cáo lỗi: những câu trả lời flowdeck không đọc được (đã lược bỏ bí mật, lưu trong thư mục dữ liệu), phiên bản flowdeck, hệ điều hành và các loại tài khoản đang dùng. Không gửi gì đi đâu cả.
help-report-last = Đưa vào bao nhiêu bản ghi mới nhất.
help-report-out = Ghi vào đâu (mặc định: flowdeck-report-<thời gian>.json trong thư mục này).
cli-report-written = Đã ghi { $file }
cli-report-system = Tệp có phiên bản flowdeck { $version } trên { $os } và các loại tài khoản đang dùng ({ $providers }); không có tên, địa chỉ e-mail hay bí mật của tài khoản nào.
cli-report-no-providers = không có
cli-report-captures = Tệp có { $count } câu trả lời mới nhất mà flowdeck không đọc được ({ $kept } bản đang lưu trong { $folder }), từ { $first } đến { $last }: với mỗi câu trả lời có lệnh gọi, đường dẫn, mã trạng thái HTTP, thời điểm, nhận định của flowdeck, cùng yêu cầu đã gửi và câu trả lời.
cli-report-removed = Đã xoá khỏi đó: cookie, token, mã `at` của trang, token reCAPTCHA, khoá API, chữ ký, phần truy vấn của mọi đường link (nơi link có chữ ký giữ chữ ký của nó) và địa chỉ e-mail.
cli-report-prompts-hidden = Lời nhắc và các đoạn chữ tự do khác được thay bằng độ dài của chúng (muốn giữ lời nhắc, đặt include_prompts = true trong mục [report] của tệp cài đặt).
cli-report-prompts-included = Có kèm lời nhắc, theo tệp cài đặt ([report] include_prompts = true).
cli-report-no-captures = Chưa có câu trả lời nào làm flowdeck bất ngờ ({ $folder } chưa có bản nào), nên tệp chỉ có phiên bản, hệ điều hành và các loại tài khoản. Khi Flow trả lời theo dạng flowdeck không biết, một bản sao đã lược bỏ bí mật sẽ được lưu ở đó cho báo cáo này.
cli-report-nothing-sent = Không có gì được gửi đi đâu cả: hãy đọc tệp rồi đính kèm vào báo cáo lỗi của bạn.
cli-report-cannot-write = không ghi được { $file }: { $error }

## Issue 23 D và 4: nhiều tài khoản Google trong một trình duyệt; "Xác nhận đó là bạn"
health-needs-you = cần bạn: hãy mở Flow trong trình duyệt này
flow-account-unclear = không biết thẻ Flow đang dùng tài khoản Google nào trong trình duyệt ({ $why }): hãy mở Flow trong trình duyệt đó đúng địa chỉ của tài khoản đã ghép nối (…/u/1/… cho tài khoản thứ hai) và đóng các thẻ Flow khác; chưa gửi gì
flow-needs-you = Google đã chuyển thẻ Flow của trình duyệt này tới { $place } ("Xác nhận đó là bạn", hoặc một bước kiểm tra tài khoản hay khu vực): hãy mở Flow trong trình duyệt này và làm xong bước đó; tài khoản này không nhận việc cho tới khi trang trở lại bình thường, rồi nó tự làm tiếp
flow-page-lost = lệnh gọi có thể đã tới Flow trước khi trình duyệt làm mất nó ({ $what }: { $why }); flowdeck tra cứu nó trong dự án của tài khoản, không bao giờ gửi lại một cách mù quáng

## Issue 22 mục 10-12: những người dùng khác trên máy này (thư mục của bản chạy thử, tệp khoá)
demo-no-cache-folder = không tìm thấy thư mục bộ nhớ đệm cho bản chạy thử (máy không có thư mục nhà): hãy đặt XDG_CACHE_HOME
demo-folder-io = không chuẩn bị được thư mục chạy thử { $folder }: { $error }
demo-folder-foreign = thư mục chạy thử { $folder } là một liên kết hoặc thuộc về người dùng khác: flowdeck sẽ không dùng nó. Hãy xoá nó, hoặc đặt XDG_CACHE_HOME thành một thư mục của riêng bạn
demo-running = một bản chạy thử khác ({ $holder }) đang chạy và giữ thư mục { $folder } cho đến khi kết thúc: hãy đóng nó trước. Trong lúc đó `flowdeck status --demo` cho xem sổ ghi của nó
demo-holder-window = cửa sổ chạy thử
lock-link = { $file } là một liên kết tượng trưng: flowdeck không đi theo nó (vì như thế sẽ ghi vào nơi liên kết trỏ tới). Hãy xoá nó rồi chạy lại

## Issue 22 mục 3-6: chỉ ghép nối với flowdeck (gõ mã kiểm tra vào cửa sổ bật lên của tiện ích), những lệnh gọi tiện ích từ chối
cli-pair-check = Sau đó bấm vào biểu tượng tiện ích flowdeck trong trình duyệt đó và gõ mã này vào cửa sổ bật lên của nó: { $code } (chỉ cửa sổ dòng lệnh này hiện mã; trang nào hiện mã bắt bạn gõ thì không phải của flowdeck)
accounts-connect-code = Sau đó bấm vào biểu tượng tiện ích flowdeck trong trình duyệt đó và gõ mã này vào cửa sổ bật lên của nó:
flow-not-allowed = tiện ích flowdeck trong trình duyệt đó đã từ chối lệnh gọi: { $why }

## Issue 22, mục 7–9: tệp người dùng đưa cho flowdeck (bảng tính, giới hạn lời nhắc, giải mã video)
import-prompt-too-long = lời nhắc dài { $chars } ký tự; dịch vụ video nhận lời nhắc dài nhất là { $most } ký tự (1.024 token của Veo): hãy rút ngắn hoặc tách cảnh
import-too-many-scenes = một tệp có hơn { $most } cảnh: hãy chia thành các lô nhỏ hơn
import-scene-too-long = hơn { $kib } KiB mà chưa hết một cảnh, quá nhiều so với một cảnh cần (lời nhắc dài tối đa { $most } ký tự): tệp bị cắt sai, hoặc không phải tệp lời nhắc
import-csv-quote-long = một dấu ngoặc kép mở ở đây mà không đóng trong vòng { $kib } KiB, nhiều hơn hẳn một cảnh cần (lời nhắc dài tối đa { $most } ký tự): hãy đóng dấu ngoặc (viết "" cho dấu ngoặc kép nằm trong lời nhắc có ngoặc)
import-in-column = cột { $column }: { $why }
import-sheet-too-large = bảng tính nặng { $mb } MB; flowdeck chỉ đọc bảng tính tối đa { $most } MB (một trang 10.000 cảnh chỉ nặng vài MB)
import-sheet-too-many-cells = trang tính đầu tiên có hơn { $most } ô có dữ liệu, nhiều hơn 10.000 cảnh cần: chỉ giữ lại các cảnh trên đó
import-sheet-many-parts = không đọc được bảng tính: nó chứa { $parts } phần, trong khi một bảng tính chỉ được tối đa { $most }
import-sheet-inflates = không đọc được bảng tính: phần { $part } của nó giải nén ra hơn { $most } MB, nhiều hơn hẳn mọi trang lời nhắc (tệp độc hại hoặc bị hỏng?)
import-sheet-reader-stopped = trình đọc dừng lại giữa chừng
import-sheet-not-a-sheet = tệp zip không chứa sổ tính Excel hay OpenDocument nào
import-xls-broken = vỏ chứa của nó bị hỏng (một phần trỏ ra ngoài tệp)
import-xls-loop = vỏ chứa của nó bị hỏng (một chuỗi phần vòng lại chính nó)
import-xls-no-workbook = nó không chứa sổ tính nào
import-xls-too-wide = các trang tính của nó trải trên hơn { $most } ô (hai ô có dữ liệu cách xa nhau tạo thành một hình chữ nhật lớn như vậy): chỉ giữ lại các cảnh, hoặc lưu lại thành .xlsx
compose-paste-too-long = chưa dán: dòng { $line } của đoạn văn dài { $chars } ký tự, trong khi dịch vụ video nhận lời nhắc dài nhất là { $most } ký tự
compose-paste-too-many = chưa dán: đoạn văn có hơn { $most } lời nhắc, nhiều hơn một lô nhận được; hãy dán ít hơn
frame-too-slow = giải mã mất hơn { $seconds } giây, lâu hơn hẳn một video thật: video bị hỏng hoặc bị làm giả
frame-too-many = kênh video của nó khai có { $frames } khung hình; flowdeck chỉ giải mã tối đa { $most } khung để tới một khung
frame-table-too-big = bảng khung hình của nó khai { $claimed } byte khung hình, nhưng tệp chỉ có { $held }: video bị hỏng hoặc bị làm giả
frame-no-frame = không giải mã được khung hình nào

## Messages the engine, the providers and the store make (issue 25 move 3)
flow-signed-out = Flow cho biết trình duyệt này đã đăng xuất: hãy đăng nhập lại Flow trong hồ sơ trình duyệt đó
flow-account-code = { $why } ({ $code })
flow-failed-code = Flow bị lỗi ({ $code })
flow-failed-after-taking = Flow bị lỗi sau khi đã nhận yêu cầu ({ $rpc }: { $code })
flow-invalid-argument = Flow từ chối yêu cầu ({ $rpc }: INVALID_ARGUMENT): bộ lọc an toàn của Google có thể đã từ chối câu lệnh, hoặc Flow đã đổi dạng yêu cầu
flow-not-found-after-taking = Flow trả lời NOT_FOUND cho { $rpc } sau khi đã nhận yêu cầu; video có thể vẫn đã được làm
flow-not-found = Flow không biết nó ({ $rpc }: NOT_FOUND)
flow-permission-denied = Flow từ chối tài khoản này ({ $rpc }: PERMISSION_DENIED)
flow-failed-handling = Flow bị lỗi khi xử lý yêu cầu ({ $rpc }: mã { $code })
flow-stale-page-token = mã phiên của thẻ Flow bị từ chối kể cả sau khi tải lại (HTTP 400 xsrf): hãy mở Flow trong trình duyệt đó và kiểm tra đã đăng nhập
flow-http = Flow trả lời HTTP { $status }
flow-declined-silently = Flow lặng lẽ từ chối lệnh gọi { $rpc } (câu trả lời trống)
flow-no-tab = không mở được thẻ Flow nào: { $why }
flow-no-token = thẻ Flow không tạo được mã reCAPTCHA ({ $why }); hãy tải lại Flow trong trình duyệt đó
flow-browser-failed = yêu cầu bị lỗi trong trình duyệt: { $why }
bridge-not-connected = trình duyệt của { $account } chưa kết nối với flowdeck
bridge-disconnected = trình duyệt ngắt kết nối trước khi trả lời
bridge-no-answer = trình duyệt không trả lời trong { $seconds } giây
flow-request-not-flow = bản ghi yêu cầu của lượt này không phải của Flow ({ $excerpt })
flow-family-not-offered = tài khoản Flow này không được dùng { $model } (họ mô hình { $family }); tài khoản có { $offers }
prompt-empty = câu lệnh đang trống
flow-copies-range = Flow làm 1 đến 4 video cho mỗi câu lệnh, không phải { $copies }
flow-one-project-one-batch = các video của một lần tạo phải vào cùng một dự án trong cùng một đợt
flow-batch-not-recorded = mã đợt của lần tạo này chưa được ghi lại trước khi gửi
flow-images-not-one-request = các ảnh đã tải lên không tạo thành một yêu cầu
flow-images-disagree = ảnh của cảnh và những gì đã chuẩn bị cho cảnh không khớp nhau
flow-answer-names-no-video = Flow đã nhận yêu cầu nhưng câu trả lời không nêu video nào
flow-upscale-resolution = Flow chỉ nâng độ phân giải lên 1080p hoặc 4K, không phải { $resolution }
flow-upscale-no-workflow = Flow không nêu quy trình (workflow) của video này khi tạo nên flowdeck không thể nâng độ phân giải cho nó
flow-upscale-other-project = video nằm trong dự án Flow { $video }, nhưng tài khoản này hiện làm việc trong { $project }: việc nâng độ phân giải phải vào đúng dự án của video
download-link-refused = liên kết tải xuống có chữ ký bị từ chối (HTTP { $status })
download-not-at-link = video không có ở liên kết có chữ ký của nó
download-host-status = máy chủ video trả lời HTTP { $status }
flow-old-api-video = video này được tạo qua API cũ của Flow mà Google đã ngừng vào tháng 9 năm 2026; flowdeck không tải được nữa (hãy tìm nó trong các dự án của bạn trên flow.google.com)
flow-no-link-yet = Flow chưa có liên kết tải xuống cho video này
flow-image-not-accepted = ảnh { $file }: Flow không nhận (câu trả lời không nêu ảnh nào); hãy thử tệp khác
gemini-veo-gone = khoá này không có { $model } trên Gemini API: Google đã ngừng Veo ở đó (các bản xem trước 3.1 vào ngày 2026-10-22). Hãy chọn omni-flash { $offers }, hoặc thêm một tài khoản Vertex AI để dùng Veo
gemini-offers-none = (khoá này không liệt kê mô hình video nào)
gemini-offers = (khoá này có { $models })
gemini-no-omni = khoá API này không có mô hình Gemini Omni nào { $offers }
gemini-model-not-for-key = khoá này không dùng được { $model } { $offers }
gemini-not-video-model = "{ $model }" không phải mô hình video của Gemini API { $offers }
gemini-generation-failed = việc tạo video không thành công
service-said-code = { $message } ({ $code })
service-does-not-know-it = dịch vụ không biết nó ({ $message })
gemini-key-refused = khoá API bị từ chối: { $message }
gemini-key-not-valid = khoá API không hợp lệ ({ $message }); hãy tạo khoá mới trong Google AI Studio rồi thêm lại
veo-daily-quota = hạn mức Veo hằng ngày của dự án đã dùng hết ({ $code }: { $message })
gemini-key-empty = khoá API đang trống: hãy tạo một khoá trong Google AI Studio (aistudio.google.com/apikey)
gemini-key-spaces = khoá API không có dấu cách: chỉ dán riêng khoá
gemini-file-not-prepared = dịch vụ không chuẩn bị được tệp video
veo-filtered-silently = Bộ lọc an toàn đã giữ lại { $count } video mà không nói lý do
net-no-client = không tạo được trình khách HTTP: { $why }
net-the-service = dịch vụ
net-timed-out = hết thời gian chờ ({ $why })
net-answer-cut-off = câu trả lời bị cắt giữa chừng: { $why }
download-host-busy = máy chủ video yêu cầu chậm lại (HTTP 429)
vertex-quota-minute = hạn mức Veo của dự án (khoảng 10 yêu cầu mỗi phút, { $code }): { $said }
vertex-this-project = dự án này
vertex-filtered = bộ lọc an toàn của Vertex AI đã giữ lại video này
vertex-filtered-why = bộ lọc an toàn của Vertex AI đã giữ lại video này: { $why }
vertex-adc = thông tin xác thực mặc định của ứng dụng (Application Default Credentials)
task-failed = một tác vụ nền đã dừng: { $why }
vertex-no-adc = không tìm thấy Application Default Credentials ({ $why }): hãy chạy `gcloud auth application-default login`, đặt GOOGLE_APPLICATION_CREDENTIALS, hoặc nêu một tệp khoá bằng credentials = "…"
vertex-credentials-unusable = không dùng được { $what }: { $why }
vertex-no-token = không lấy được mã truy cập: { $why }
vertex-key-file-unreadable = không đọc được tệp khoá { $file }: { $why }
vertex-key-file-not-json = { $file } không phải tệp khoá JSON
vertex-key-file-user = { $file } chứa thông tin đăng nhập người dùng của gcloud, không phải khoá tài khoản dịch vụ: hãy bỏ trống credentials để dùng chúng làm Application Default Credentials
vertex-key-file-type = { $file } không phải tệp khoá tài khoản dịch vụ (loại "{ $kind }")
vertex-key-file-incomplete = { $file } thiếu private_key hoặc token_uri: hãy tải lại khoá từ bảng điều khiển
vertex-key-file-no-account = { $file } không nêu tài khoản dịch vụ nào (client_email)
vertex-project-missing = tài khoản Vertex cần project = "mã-dự-án" (dự án Google Cloud chạy và tính tiền các video)
vertex-project-bad = project "{ $project }" không phải mã dự án Google Cloud (chữ cái, chữ số và dấu gạch nối)
vertex-location-bad = location "{ $location }" không phải vùng Google Cloud như us-central1 (hoặc global)
gs-not-a-uri = "{ $uri }" không phải URI dạng gs://bucket/prefix
gs-bad-bucket = "{ $bucket }" trong "{ $uri }" không phải tên bucket
gs-walks-up = "{ $uri }" đi ngược lên thư mục cha
gs-bucket-only = "{ $uri }" chỉ nêu một bucket, không phải một đối tượng
vertex-bad-url = "{ $url }" không phải URL cho Vertex AI
vertex-rejected-fresh-token = thông tin xác thực bị từ chối ngay cả với mã mới ({ $what })
vertex-rejected = thông tin xác thực bị từ chối
vertex-storage-rejected-fresh-token = Cloud Storage từ chối thông tin xác thực ngay cả với mã mới ({ $what })
doctor-answer = HTTP { $status }: { $excerpt }
flow-doctor-credits = gói { $plan }, { $credits } tín dụng
flow-doctor-credits-unknown = chưa rõ số tín dụng
flow-doctor-models = mô hình { $models } (từ { $from })
flow-doctor-models-built-in = mô hình: danh sách có sẵn (Flow không cho biết)
flow-doctor-no-project = chưa có dự án (sẽ được tạo cùng video đầu tiên)
flow-doctor-summary-of = { $email }, { $credits }, { $models }; { $project }
flow-doctor-summary = { $credits }, { $models }; { $project }
flow-doctor-project-gone = dự án của tài khoản đã không còn trên Flow (dự án mới sẽ được tạo cùng video tiếp theo)
flow-doctor-project-lists = dự án của tài khoản có { $videos } video
flow-doctor-money-path = dự án của tài khoản có { $videos } video, các lần đọc trạng thái và ký liên kết trả lời đúng như mong đợi
gemini-doctor-works = khoá API hoạt động, mô hình { $models }
vertex-no-model-answers = không mô hình Veo nào trả lời cho dự án { $project } ở { $location }
vertex-doctor-works = dự án { $project } ở { $location }, mô hình { $models }
http-status-said = HTTP { $status }: { $said }
http-status-no-body = HTTP { $status } không kèm nội dung lỗi
flow-failed-no-reason = Flow báo video bị lỗi mà không nêu lý do
flow-failed-said = Flow báo video bị lỗi: { $said }
ledger-cannot-create = không tạo được { $path }: { $why }
ledger-no-take = không có lượt { $take }
ledger-cannot-retry = lượt { $take } đang ở trạng thái { $state }; chỉ thử lại được các lượt lỗi, chưa chắc chắn, quá giờ hoặc đã huỷ
ledger-retried-already = lượt { $take } đã được thử lại rồi
ledger-failed = sổ ghi gặp lỗi: { $why }
ledger-illegal = sổ ghi từ chối chuyển lượt { $take } từ { $from } sang { $to }
mp4-unreadable = không đọc lại được tệp: { $why }
mp4-cut-header = tệp kết thúc giữa phần đầu của một hộp ở byte { $byte }
mp4-no-ftyp = tệp không bắt đầu bằng hộp `ftyp` của MP4
mp4-bad-size = một hộp ở byte { $byte } có kích thước không thể có { $size }
mp4-cut-box = tệp kết thúc ở byte { $byte }, giữa một hộp `{ $kind }` cần tới { $needs }
mp4-empty = tệp trống
mp4-no-moov = tệp không có hộp `moov` (bị cắt trước khi hết?)
ledger-video-unrecorded = video của lượt { $take } đã được tạo ({ $ids }) nhưng không ghi lại được ({ $why }); flowdeck ngừng gửi trên tài khoản này. Hãy giải phóng ổ đĩa rồi khởi động lại; mã của video có trong nhật ký
submit-no-answer = đã gửi nhưng không nhận được câu trả lời ({ $why }); video có thể đã có trên tài khoản nên sẽ không tự gửi lại
engine-stopped = bộ máy đã dừng
chain-broken-because = { $why }: { $reason }
chain-scene-missing = cảnh { $scene } mà cảnh này nối tiếp không có trong đợt này
frame-cut-length = một khung hình kết thúc giữa phần độ dài của nó
frame-short = một khung hình ngắn hơn độ dài nó ghi
take-account-gone = lượt { $take } thuộc về một tài khoản chưa được thiết lập
account-busy = tài khoản "{ $account }" đang có video đang làm; hãy chờ đến khi chúng về máy
frame-no-h264 = tệp không có rãnh video H.264
lane-captcha = reCAPTCHA: { $why }
config-person-generation = [{ $section }] person_generation "{ $value }" phải là allow_all, allow_adult hoặc dont_allow
config-key-said = { $key }: { $why }
config-between = { $key } phải nằm trong khoảng { $low } đến { $high }
config-from-to = { $key } phải từ { $low } đến { $high }
config-at-most = { $key } phải không quá { $high }
config-deadline = [engine] deadline_mins phải lớn hơn 0 và không quá 10080 (một tuần)
config-retired-flow-key = [flow] { $key } thuộc về REST API cũ của Flow mà Google đã ngừng vào tháng 9 năm 2026. flowdeck giờ điều khiển Flow tại flow.google.com qua chính trình duyệt đã đăng nhập của bạn: hãy xoá dòng này, cài tiện ích flowdeck và kết nối trình duyệt của từng tài khoản Flow bằng `flowdeck bridge pair NAME` (xem README, "Flow accounts")
config-vertex-only = { $key } chỉ dành cho tài khoản Vertex (provider = "vertex"); tài khoản này là { $provider }
at-file-line = { $file }:{ $line }: { $why }
at-file = { $file }: { $why }
at-file-place = { $file }, { $place }: { $why }
import-said = { $what }: { $error }
import-picture-column = { $column } "{ $file }": { $why }
import-references-paths = "references" phải liệt kê các đường dẫn tệp
secret-keyring-empty = không có gì trong kho khoá (keyring)
paths-no-home-config = không tìm thấy thư mục nhà cho phần cài đặt; hãy đặt FLOWDECK_CONFIG
paths-no-home-data = không tìm thấy thư mục nhà cho dữ liệu; hãy đặt FLOWDECK_DATA_DIR
setup-account-said = tài khoản "{ $account }": { $why }
picture-file = ảnh { $file }: { $why }
picture-unreadable = không đọc được ({ $why })
picture-too-large = lớn hơn { $megabytes } MB
download-cut = tải xuống bị ngắt ở byte { $byte } trên { $total } ({ $why })
download-ended-early = tải xuống kết thúc ở byte { $byte } trên { $total }
download-inline-cut = tải xuống trực tiếp bị ngắt ở byte { $byte }: { $why }
chain-video-missing = video của cảnh trước không có trên ổ đĩa để nối tiếp
vertex-other-host = từ chối gửi thông tin xác thực Vertex đến một máy chủ khác
vertex-copies-range = Vertex làm 1 đến 4 video cho mỗi yêu cầu
video-not-ready = video chưa sẵn sàng
omni-extend-needs-interaction = muốn nối tiếp một cảnh thì cần phiên tương tác (interaction) của cảnh đó
omni-no-interaction = dịch vụ đã nhận yêu cầu nhưng không nêu phiên tương tác nào
revise-omni-only = chỉ sửa được video của Gemini Omni
gemini-file-preparing = tệp video vẫn đang được chuẩn bị
omni-budget-exceeded = phiên tương tác đã vượt ngân sách
flow-one-request-per-video = mỗi video cần một bản ghi yêu cầu
upscale-one-video = một lần nâng độ phân giải chỉ làm một video
upscale-flow-only = trên Flow chỉ nâng được độ phân giải của video Flow
gemini-one-per-request = Gemini API làm một video cho mỗi yêu cầu
omni-extend-not-omni = cảnh được nối tiếp không do Gemini Omni làm
gemini-no-upscale = Gemini API không nâng độ phân giải video
lookup-not-offered = dịch vụ này không tra cứu được một yêu cầu đã mất câu trả lời
vertex-not-its-video = không phải video của Vertex
download-writer-stopped = trình ghi tệp đã dừng
download-part-mismatch = phần tệp đã tải không khớp với video; tải lại từ đầu
engine-stopping = bộ máy đang dừng
chain-video-bad = video của cảnh trước { $file }: { $why }
video-not-mp4 = không phải video MP4
vertex-operation-elsewhere = thao tác { $operation } không thuộc dự án { $project }
gemini-not-an-operation = "{ $name }" không phải tên thao tác
omni-not-an-interaction = "{ $id }" không phải mã phiên tương tác
video-of-another-provider = một video của nhà cung cấp khác đã đến tài khoản này: { $remote }
download-writer-failed = trình ghi tệp gặp lỗi: { $why }
download-hash-failed = tính mã băm thất bại: { $why }
download-inline-bad = tải xuống trực tiếp: { $why }
keyring-slow = kho khoá (keyring) không trả lời trong 5 giây
keyring-call-failed = gọi kho khoá (keyring) thất bại: { $why }
keyring-off = kho khoá (keyring) đang tắt (FLOWDECK_KEYRING=off)
list-or = { $items } hoặc { $last }

## Account changes and the session (issue 25 move 1)
accounts-no-ledger = sổ ghi chưa mở, nên các lượt tạo của tài khoản không thể đi theo tên mới
accounts-secret-not-kept = không có kho khoá ({ $why }), nên khoá bí mật sẽ mất khi lệnh này kết thúc. Hãy đặt nó vào một biến môi trường và thêm tài khoản với --secret-env VAR
accounts-save-stopped = việc lưu cài đặt đã dừng trước khi xong
session-stopped = việc mở sổ ghi đã dừng trước khi xong
cli-account-renamed = Tài khoản { $old } nay là { $new }: cài đặt, khoá bí mật và các lượt tạo của nó đi theo.
cli-pair-again = Trình duyệt của nó vẫn biết nó theo tên cũ: hãy kết nối lại bằng flowdeck bridge pair { $account }
help-cmd-accounts-rename = Đổi tên một tài khoản: cài đặt, khoá bí mật và các lượt tạo trong sổ ghi đi theo.
help-accounts-rename-old = Tên hiện tại của tài khoản.
help-accounts-rename-new = Tên mới (chữ cái, chữ số, - và _).
config-language-tag = "{ $tag }" không phải là mã ngôn ngữ (en, vi…)
cli-language-unknown = cài đặt yêu cầu ngôn ngữ "{ $tag }", nhưng flowdeck không nói ngôn ngữ đó: hãy dùng { $choices }

## The pairing page flowdeck serves to a browser (issue 24 item 13)
pair-page-title = Ghép nối trình duyệt này với flowdeck
pair-page-waiting = Đang chờ tiện ích flowdeck trong trình duyệt này…
pair-page-then = Sau đó hãy bấm biểu tượng tiện ích flowdeck trên thanh công cụ của trình duyệt này và nhập mã flowdeck hiện trong cửa sổ dòng lệnh hoặc cửa sổ ứng dụng. Trang này không bao giờ hiện mã đó: trang nào hiện cho bạn một mã để nhập thì không phải của flowdeck.
pair-page-missing = Nếu không có gì xảy ra sau vài giây, tiện ích chưa được cài trong hồ sơ trình duyệt này: hãy mở chrome://extensions, bật Chế độ dành cho nhà phát triển, chọn "Tải tiện ích đã giải nén" và chọn thư mục extension của flowdeck, rồi tải lại trang này.
pair-page-per-profile = Ghép nối mỗi tài khoản Flow trong một hồ sơ trình duyệt riêng, đã đăng nhập tài khoản Google đó.
pair-page-expired = Liên kết ghép nối này đã hết hạn: hãy bắt đầu ghép nối lại trong flowdeck.
pair-page-gone = Liên kết ghép nối này không còn hiệu lực: hãy bắt đầu ghép nối lại trong flowdeck.
pair-page-not-running = flowdeck không còn chạy nữa: hãy bắt đầu ghép nối lại.

## Issue 24 (the command line): commands that wait only for what they need (item 7), no silent
## sitting out (item 8), a run that cannot progress ends (item 9)
cli-bridge-down = cầu nối trình duyệt không chạy ({ $why }), nên tài khoản Flow này đứng ngoài; các tài khoản khác vẫn làm việc
cli-sits-out = { $account } đứng ngoài lô này: { $why }{ $instead }
cli-sits-out-instead = ; hãy dùng --model { $model }
cli-held-next = { $account } đang bị giữ: dịch vụ đã gắn cờ hoạt động bất thường. Hãy mở Flow trong trình duyệt của { $account } và kiểm tra tài khoản ở đó; sau đó chạy `flowdeck accounts resume { $account }`, rồi `flowdeck resume` sẽ làm tiếp phần còn lại.
cli-account-released = { $account } được làm việc trở lại: `flowdeck resume` sẽ làm tiếp những gì đang chờ.
cli-account-not-held = { $account } không bị giữ.
help-cmd-accounts-resume = Cho một tài khoản bị dịch vụ giữ lại (do gắn cờ hoạt động bất thường) làm việc trở lại, sau khi bạn đã kiểm tra nó trong trình duyệt; rồi `flowdeck resume` làm tiếp những gì đang chờ.
help-accounts-resume-name = Tài khoản đang bị giữ.

## Issue 24 item 6: Flow without a keyring
cli-export-line = export { $var }={ $secret }
help-accounts-add-secret-file = Flow: giữ bí mật ghép nối trong một tệp chỉ bạn đọc được, trong thư mục dữ liệu (cho máy không có keyring).
config-secret-env-and-file = tài khoản "{ $account }" ghi cả secret_env lẫn secret_file: hãy giữ một
secret-file-unreadable = không đọc được tệp bí mật { $file } ({ $error })
secret-file-empty = tệp bí mật { $file } trống
accounts-secret-file-failed = không ghi được tệp bí mật { $file }: { $error }
cli-secret-file-flow-only = --secret-file giữ bí mật ghép nối của tài khoản Flow; khóa Gemini nằm trong keyring hoặc --secret-env
cli-no-keyring-export = Máy này không có keyring ({ $why }), nên flowdeck đã tạo bí mật ghép nối của { $account } để shell của bạn giữ. Hãy thêm dòng này vào hồ sơ shell (~/.profile hoặc ~/.bashrc), mở một terminal mới, rồi kết nối trình duyệt bằng `flowdeck bridge pair { $account }`:
cli-no-keyring-or-file = Hoặc giữ nó trong một tệp chỉ bạn đọc được, trong thư mục dữ liệu của flowdeck: flowdeck accounts add { $account } --replace --secret-file
cli-secret-file-kept = Bí mật ghép nối của { $account } nằm trong { $file } (chỉ bạn đọc được).

## Issue 24 item 11: command-line polish
cli-failed-take-unsent = { $take } (chưa gửi tới tài khoản nào) "{ $prompt }": { $why }
cli-secret-in-file = một tệp chỉ bạn đọc được

## Issue 24 item 10: names that match up
model-did-you-mean = "{ $value }" không phải là mô hình flowdeck biết: có phải ý bạn là { $model }?

## Issue 24, the window (items 1–4 and 10): opening files, batch numbers, Revise's take names
open-no-program = Ở đây không có chương trình nào mở được { $kind ->
        [folder] thư mục
       *[other] tệp .{ $ext }
    }; { $kind ->
        [folder] thư mục
        [video] video
       *[other] tệp
    } nằm ở { $path }
open-ended = { $program } không mở được { $target } (kết thúc với mã { $code })
copy-path = Chép đường dẫn
settings-theme-saved = Giao diện giờ là { $theme }.
compose-needs-account = Cần một tài khoản để tạo video: hãy thêm ở mục Tài khoản.
compose-needs-chosen-account = Cần một tài khoản để tạo video: hãy đánh dấu một tài khoản ở trên.
slots-path = { $slot ->
        [start] Ảnh đầu
        [end] Ảnh cuối
       *[other] Ảnh tham chiếu
    } cho “{ $prompt }”:
slots-path-example = /home/toi/anh/ben-cang.png
slots-path-use = Dùng
lane-this-session = Phiên này: { $done }/{ $dealt } đã lưu, { $making } đang tạo
lane-and-downloading = { $counts } ({ $done } / { $total })
batch-number = Lô { $batch }

## Issue 26 part 2: `flowdeck mcp`, the Model Context Protocol server
help-cmd-mcp = Phục vụ Model Context Protocol qua đầu vào và đầu ra chuẩn, để trợ lý AI có thể ước tính chi phí, chạy và theo dõi các lô (ứng dụng của trợ lý tự khởi chạy `flowdeck mcp`; xem README).
mcp-no-scenes = Hãy đưa ít nhất một cảnh.
mcp-too-many-scenes = Mỗi lần gọi tối đa { $most } cảnh (đã đưa { $count }): hãy chia kế hoạch thành nhiều lô.
mcp-too-many-accounts = Chỉ được nêu tối đa { $most } tài khoản.
mcp-too-many-takes = Mỗi lần gọi tối đa { $most } lượt.
mcp-name-too-long = Cảnh { $scene }: tên chỉ được dài tối đa { $most } ký tự.
mcp-the-scenes = các cảnh
mcp-path-not-absolute = Cảnh { $scene }: "{ $file }" không phải đường dẫn đầy đủ; hãy đưa đường dẫn tuyệt đối của ảnh.
mcp-scene-says = Cảnh { $scene }: { $why }
mcp-copies = Số bản phải từ 1 đến 4, không phải { $value }.
mcp-out-not-absolute = "{ $dir }" không phải đường dẫn đầy đủ; hãy đưa đường dẫn tuyệt đối của thư mục đầu ra.
mcp-out-not-folder = "{ $dir }" đã tồn tại và không phải là thư mục.
mcp-cap-required = Việc này tốn tín dụng hoặc tiền, nên bắt buộc phải có mức trần: hãy đưa max_credits (tài khoản Flow, tính bằng tín dụng) và/hoặc max_dollars (tài khoản Gemini API và Vertex AI, tính bằng đô la Mỹ). Chưa gửi gì cả.
mcp-cap-negative = Mức trần phải từ 0 trở lên. Chưa gửi gì cả.
mcp-cap-unit-missing = tài khoản này tính phí bằng { $unit ->
        [credits] tín dụng, mà không có max_credits
       *[other] đô la Mỹ, mà không có max_dollars
    }
mcp-price-unknown = flowdeck không biết giá của video này, nên không mức trần nào giữ được nó
mcp-no-account-can = Không tài khoản nào được phép làm video { $model } trong lần gọi này: { $why }. Chưa gửi gì cả.
mcp-over-cap = Việc này có thể tốn tới { $credits } tín dụng và ${ $dollars }, vượt mức trần (max_credits { $max_credits }, max_dollars { $max_dollars }). Chưa gửi gì cả: hãy làm ít video hơn, chọn mô hình rẻ hơn hoặc nâng mức trần.
mcp-progress = Đã xong { $done } trên { $total } video
mcp-bad-input = { $tool } không dùng được các đối số này: { $error }
mcp-limit = Giới hạn là từ 1 đến { $most }.
mcp-wait = wait_seconds tối đa là { $most }.
mcp-label = Nhãn phải có từ 1 đến { $most } ký tự.
mcp-check-slow = tài khoản không trả lời phép kiểm tra kịp thời
mcp-engine-gone = Bộ máy đã dừng trước khi lô kịp bắt đầu; chưa gửi gì cả. Hãy thử lại.
mcp-started = Lô { $batch } đã bắt đầu: { $videos } video. Theo dõi bằng batch_status.
mcp-not-running-here = Lô { $batch } không do flowdeck này làm, nên không có gì để dừng.
mcp-canceled = Lô { $batch } đang dừng: không gửi thêm gì nữa; các video đang làm dở vẫn được tải về.
mcp-retry-what = Hãy nêu các lượt cần thử lại, hoặc một lô có các lượt thất bại cần thử lại.
mcp-no-such-tool = flowdeck không có công cụ nào tên { $tool }.
mcp-could-not-start = máy chủ MCP đã dừng: { $error }

## Issue 26 part 1: spending caps (held by budget, settings [budget], flowdeck budget)
budget-held = bị giữ vì ngân sách: { $cap } là { $limit }, đã tiêu { $spent }
budget-cap-batch = hạn mức của lô
budget-cap-batch-account = hạn mức của lô trên { $account }
budget-cap-day = hạn mức hôm nay
budget-cap-day-account = hạn mức hôm nay của { $account }
budget-credits = { $credits } tín dụng
budget-dollars = { $usd } US$
config-budget-negative = { $key } phải là một số từ 0 trở lên
config-budget-no-account = [budget.accounts.{ $account }] không chỉ tài khoản nào trong phần cài đặt
cli-budget-not-dollars = "{ $value }" không phải là một số tiền đô la (từ 0 trở lên, ví dụ 2.50)
cli-budget-col-today = đã tiêu hôm nay
cli-budget-col-day-cap = hạn mức mỗi ngày
cli-budget-col-batch-cap = hạn mức mỗi lô
cli-budget-all = mọi tài khoản
cli-budget-none = Chưa đặt hạn mức chi tiêu nào: thêm bằng `flowdeck budget raise` (hoặc trong Cài đặt).
cli-budget-amounts = { $credits } tín dụng · { $usd }
cli-budget-no-cap = không có
cli-budget-raise-what = Hãy nói hạn mức nào: --day-credits, --day-dollars, --batch-credits hoặc --batch-dollars (kèm --account TÊN cho một tài khoản), hoặc --batch MÃ kèm --credits hay --dollars.
cli-budget-raised = Hạn mức của { $who }: mỗi ngày { $day }; mỗi lô { $batch }. Các video bị giữ vì ngân sách sẽ chạy ở lần `flowdeck resume` tới.
cli-budget-batch-raised = Lô { $batch } giờ được tiêu { $caps }. `flowdeck resume` cho các video bị giữ của lô chạy tiếp.
cli-budget-held-batch = lô { $batch }: { $n ->
    [one] 1 video đang chờ
   *[other] { $n } video đang chờ
}, { $why }
cli-budget-stalled = { $n ->
    [one] 1 video
   *[other] { $n } video
} đang chờ, { $why }. Chưa có gì được gửi cho chúng. Hãy nâng hạn mức bằng `flowdeck budget raise` (xem `flowdeck budget`), rồi chạy `flowdeck resume`.
help-cmd-budget = Hạn mức chi tiêu và số đã tiêu hôm nay, theo từng tài khoản và tổng cộng; `flowdeck budget raise` thay đổi hạn mức.
help-budget-json = In ra JSON.
help-cmd-budget-raise = Nâng (hoặc đặt) hạn mức chi tiêu: mục [budget] trong cài đặt (mọi tài khoản, hoặc một tài khoản với --account), hoặc hạn mức riêng của một lô với --batch. Các video bị giữ vì ngân sách sẽ chạy ở lần `flowdeck resume` tới (trong cửa sổ thì chạy ngay).
help-budget-raise-account = Chỉ hạn mức của tài khoản này ([budget.accounts.TÊN]).
help-budget-raise-batch = Hạn mức riêng của lô này (lưu trong sổ cái): dùng với --credits và --dollars.
help-budget-raise-credits = Với --batch: lô được tiêu nhiều nhất chừng này tín dụng.
help-budget-raise-dollars = Với --batch: lô được tiêu nhiều nhất chừng này đô la.
help-budget-raise-batch-credits = Tín dụng mỗi lô.
help-budget-raise-batch-dollars = Đô la mỗi lô.
help-budget-raise-day-credits = Tín dụng mỗi ngày (theo ngày ở nơi bạn).
help-budget-raise-day-dollars = Đô la mỗi ngày (theo ngày ở nơi bạn).
help-run-max-credits = Lô này được tiêu nhiều nhất chừng này tín dụng Flow: video nào sẽ vượt mức thì chờ, "bị giữ vì ngân sách", và không gửi gì cho nó (xem `flowdeck budget`).
help-run-max-dollars = Lô này được tiêu nhiều nhất chừng này đô la Mỹ trên các API (Gemini, Vertex).
settings-caps = Hạn mức chi tiêu (mọi tài khoản)
settings-caps-hint = Video nào sẽ vượt hạn mức thì chờ, "bị giữ vì ngân sách", và không gửi gì cho nó. Để trống: không có hạn mức. Hạn mức riêng từng tài khoản đặt trong tệp cài đặt ([budget.accounts.TÊN]).
settings-cap-none = không giới hạn
settings-cap-day-credits = Tín dụng mỗi ngày
settings-cap-day-dollars = Đô la mỗi ngày
settings-cap-batch-credits = Tín dụng mỗi lô
settings-cap-batch-dollars = Đô la mỗi lô
settings-cap-wrong = Hạn mức phải là số tín dụng nguyên hoặc số đô la, từ 0 trở lên (để trống: không có hạn mức)
compose-cap-day = hạn mức { $cap } mỗi ngày (hôm nay còn { $left })
compose-cap-batch = hạn mức { $cap } mỗi lô
compose-budget-wait = { $cap }: { $waiting } trong { $videos } video này sẽ chờ, bị giữ vì ngân sách
compose-within-cap = {" · "}trong { $cap }

## Issue 27 item 2: the extension and flowdeck of different versions
bridge-version-mismatch = tiện ích là bản { $extension }, flowdeck là bản { $flowdeck }: hãy nạp tiện ích đi kèm flowdeck này (thư mục extension của nó) trong chrome://extensions, hoặc cập nhật bản cũ hơn; trong lúc đó các lệnh gọi vẫn chạy tiếp

# Issue 28, item 3: History a page at a time.
history-shown = lô { $first }–{ $last } trên { $total }

## Issue 27 item 5: the welcome
welcome-title = Chào mừng đến với flowdeck
welcome-lead = flowdeck biến các câu lệnh cảnh quay của bạn thành video bằng các mô hình video của Google. Chưa có gì được thiết lập: hãy bắt đầu bằng một trong các bước sau.
welcome-demo = Dùng thử bản demo
welcome-demo-hint = Các tài khoản mô phỏng, ngay trong cửa sổ này: làm vài video và xem flowdeck hoạt động thế nào. Không gửi gì tới Google, không tốn tiền. Mở lại flowdeck để quay về trang này.
welcome-demo-starting = Đang khởi động bản demo…
welcome-demo-failed = Không khởi động được bản demo: { $why }
welcome-flow = Thêm tài khoản Flow
welcome-flow-hint = Google Flow với tín dụng AI Pro hoặc Ultra của bạn, qua chính Chrome của bạn và tiện ích flowdeck.
welcome-gemini = Thêm khóa API Gemini
welcome-gemini-hint = Video Gemini Omni với khóa lấy từ Google AI Studio, trả tiền theo từng video.
welcome-vertex = Thêm dự án Vertex AI
welcome-vertex-hint = Veo trên dự án Google Cloud của chính bạn, tính tiền vào dự án đó.
accounts-extension-folder = Tiện ích flowdeck nằm ở
accounts-open-folder = Mở thư mục
accounts-extension-missing = Không tìm thấy thư mục tiện ích cạnh flowdeck: xem mục "Install the extension" trong README.
