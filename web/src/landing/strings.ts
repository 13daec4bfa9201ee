import { defineStrings } from '../shared/i18n';

export const strings = defineStrings(
  {
    docTitle: 'Sipas — Khảo sát sự hài lòng tỉnh Nghệ An',
    title: 'Sipas',
    lead: 'Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước tỉnh Nghệ An',
    about:
      'Sipas là nền tảng mã nguồn mở giúp tỉnh Nghệ An đo lường mức độ hài lòng với dịch vụ công: người dân đánh giá ngay tại quầy, kết quả được tổng hợp để các cơ quan phục vụ tốt hơn.',
    rateTitle: 'Đánh giá dịch vụ',
    rateText:
      'Quét mã QR dán tại quầy tiếp nhận bằng camera điện thoại, hoặc nhập mã điểm phục vụ in dưới mã QR. Phiếu ẩn danh, mất khoảng 2 phút.',
    codeLabel: 'Mã điểm phục vụ',
    codeHint: 'Ví dụ: XD-01',
    go: 'Đánh giá',
    codeMissing: 'Vui lòng nhập mã điểm phục vụ.',
    codeInvalid: 'Mã chỉ gồm chữ cái không dấu, chữ số và dấu gạch ngang.',
    staffTitle: 'Cán bộ',
    staff: 'Đăng nhập cán bộ',
    apiDocs: 'Tài liệu API',
    pending: 'Có {count} phiếu đánh giá đang chờ gửi; phiếu sẽ tự gửi khi có mạng.',
    sent: 'Đã gửi phiếu đánh giá đang chờ. Mã biên nhận: {receipt}.',
    footer: 'Sở Nội vụ tỉnh Nghệ An · Phần mềm mã nguồn mở',
  },
  {
    docTitle: 'Sipas — Satisfaction surveys, Nghệ An province',
    title: 'Sipas',
    lead: 'Survey of citizen and organisation satisfaction with the service of state administrative agencies in Nghệ An province',
    about:
      'Sipas is an open-source platform that lets Nghệ An province measure satisfaction with public services: people rate the service right at the desk, and the results are compiled so that agencies can serve better.',
    rateTitle: 'Rate a service',
    rateText:
      'Scan the QR code at the service desk with your phone camera, or enter the service point code printed under the QR code. The survey is anonymous and takes about 2 minutes.',
    codeLabel: 'Service point code',
    codeHint: 'For example: XD-01',
    go: 'Rate',
    codeMissing: 'Please enter the service point code.',
    codeInvalid: 'The code has only unaccented letters, digits and hyphens.',
    staffTitle: 'Staff',
    staff: 'Staff sign-in',
    apiDocs: 'API documentation',
    pending: '{count} response(s) waiting to be sent; they will be sent automatically when there is a connection.',
    sent: 'A waiting response was sent. Receipt number: {receipt}.',
    footer: 'Department of Home Affairs, Nghệ An province · Open-source software',
  },
);
