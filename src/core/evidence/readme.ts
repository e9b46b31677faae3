// README.txt inside every evidence package: how an inspector checks it with standard tools only
// (coreutils' sha256sum and OpenSSL 3), in English and Vietnamese. The commands are the ones the
// integration tests run against real packages.
import { CHECKSUMS, MANIFEST, PUBLIC_KEY, SIGNATURE } from './package-format';

export function readmeText(o: { encrypted: boolean; fingerprint: string }): string {
  const fp = o.fingerprint;
  const en = `WATCHFLOOR EVIDENCE PACKAGE — HOW TO CHECK IT
=============================================

This folder is an evidence export: video from city cameras with a signed description of what it is.
You can check it on any computer with two standard tools, sha256sum (GNU coreutils) and OpenSSL 3.
Open a terminal in this folder and run:

1. Every file is unchanged:

     sha256sum -c ${CHECKSUMS}

   Each line must say "OK". A changed or missing file is named with "FAILED".
   (Windows: certutil -hashfile <file> SHA256, and compare with ${CHECKSUMS}.)

2. The list of files itself is the one that was signed: its SHA-256

     sha256sum ${CHECKSUMS}

   must equal the "sha256" of the entry named "${CHECKSUMS}" in ${MANIFEST}.

3. The description (${MANIFEST}) was signed by the monitoring centre and not changed since:

     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY} -rawin -in ${MANIFEST} -sigfile ${SIGNATURE}

   It must print "Signature Verified Successfully". The signature is Ed25519 over the exact bytes of
   ${MANIFEST}.

4. The key is the centre's: its fingerprint (SHA-256 of the public key in DER form)

     openssl pkey -pubin -in ${PUBLIC_KEY} -outform DER | sha256sum

   must equal "publicKeyFingerprintSha256" in ${MANIFEST}:
     ${fp}
   and the fingerprint the monitoring centre gives you by another channel (letter, phone).

${MANIFEST} says who exported what, when and why: operator, reason, case number, cameras (name,
point, address, coordinates), the requested and delivered time ranges in local time and UTC, gaps
(no recording), the camera clock offset, and each file's name, size and SHA-256. report.html (and
report.pdf when present) shows the same for reading.

The videos (video/*.mp4) are the cameras' own streams, copied without re-encoding; they play in VLC
and in a web browser. Files named "*burned-in*" are re-encoded copies with the camera name and the
time written into the picture: for viewing, not the original.
${
  o.encrypted
    ? `
ENCRYPTED MEDIA: the video and still files end in ".enc". Steps 1–4 work without the password (the
hashes are of the encrypted files). To decrypt, ask the centre for the password and use Watchfloor's
verifier (npm run verify -- <this folder> --password-stdin --decrypt-to <folder>), or any
implementation of this format: a 48-byte header ("WFENC1\\0\\0", log2 N, r, p, 0, a 16-byte salt,
an 8-byte nonce prefix, the chunk size as a big-endian u32, 4 zero bytes); the key is
scrypt(password, salt, N, r, p, 32 bytes); then each chunk is AES-256-GCM ciphertext followed by its
16-byte tag, with nonce = prefix || chunk index (u32 BE) and additional data = header || chunk
index (u32 BE) || 1 on the last chunk, 0 otherwise. "plaintextSha256" in ${MANIFEST} is the hash
of each decrypted file.
`
    : ''
}`;
  const vi = `
GÓI CHỨNG CỨ WATCHFLOOR — CÁCH KIỂM TRA
======================================

Thư mục này là một gói trích xuất chứng cứ: video camera kèm bản mô tả có chữ ký số.
Có thể kiểm tra trên bất kỳ máy tính nào bằng hai công cụ thông dụng: sha256sum và OpenSSL 3.
Mở cửa sổ lệnh tại thư mục này và chạy:

1. Mọi tệp còn nguyên vẹn:
     sha256sum -c ${CHECKSUMS}
   Mỗi dòng phải là "OK". Tệp bị sửa hoặc bị thiếu được nêu tên kèm "FAILED".

2. Danh sách tệp chính là danh sách đã được ký: kết quả của
     sha256sum ${CHECKSUMS}
   phải trùng với "sha256" của mục "${CHECKSUMS}" trong ${MANIFEST}.

3. Bản mô tả (${MANIFEST}) do trung tâm giám sát ký và chưa bị thay đổi:
     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY} -rawin -in ${MANIFEST} -sigfile ${SIGNATURE}
   Phải in ra "Signature Verified Successfully" (chữ ký Ed25519 trên đúng các byte của ${MANIFEST}).

4. Khoá là của trung tâm: dấu vân tay (SHA-256 của khoá công khai dạng DER)
     openssl pkey -pubin -in ${PUBLIC_KEY} -outform DER | sha256sum
   phải trùng với "publicKeyFingerprintSha256" trong ${MANIFEST}:
     ${fp}
   và với dấu vân tay trung tâm cung cấp qua kênh khác (công văn, điện thoại).

${MANIFEST} ghi ai trích xuất, lúc nào, vì sao: người thực hiện, lý do, số hồ sơ vụ việc, camera
(tên, điểm, địa chỉ, toạ độ), khoảng thời gian yêu cầu và thực có theo giờ địa phương và UTC, các
khoảng trống (không có ghi hình), độ lệch đồng hồ camera, tên, dung lượng và SHA-256 của từng tệp.
report.html (và report.pdf nếu có) trình bày cùng nội dung để đọc.

Video (video/*.mp4) là luồng gốc của camera, sao chép không mã hoá lại; mở được bằng VLC và trình
duyệt web. Tệp có "burned-in" trong tên là bản mã hoá lại có in tên camera và thời gian lên hình:
để xem, không phải bản gốc.
${
  o.encrypted
    ? `
TỆP ĐƯỢC MÃ HOÁ: tệp video và ảnh có đuôi ".enc". Bước 1–4 không cần mật khẩu. Để giải mã, xin mật
khẩu từ trung tâm và dùng công cụ của Watchfloor (npm run verify -- <thư mục này> --password-stdin
--decrypt-to <thư mục>); định dạng được mô tả ở phần tiếng Anh phía trên.
`
    : ''
}`;
  return en + vi;
}
