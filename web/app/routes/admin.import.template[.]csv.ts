/**
 * /admin/import/template.csv — a roster template to fill in: UTF-8 with a BOM (so Excel opens the Chinese correctly),
 * the Chinese headers the importer knows, and two example rows. It holds no data, so it needs no sign-in.
 */
const rows = [
  ['姓名', '登录名', '所在单位', '政治面貌', '角色', '所在党支部'],
  ['张三', 'zw1001', '县政务服务管理局/机关第一党支部/第一支部综合党小组', '正式党员', '', ''],
  ['李四', '13800138000', '县政务服务管理局/综合科', '预备党员', '组织者@县政务服务管理局/机关第一党支部', '县政务服务管理局/机关第一党支部'],
];

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function loader() {
  const body = `\uFEFF${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent('花名册模板.csv')}`,
      'Cache-Control': 'public, max-age=3600',
    },
  });
}
