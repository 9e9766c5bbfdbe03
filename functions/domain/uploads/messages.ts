import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the uploads area says: the file types, sizes and checks an upload must pass. */
export const uploadsMessages = defineMessages('uploads', {
  'zh-CN': {
    uploadWrongTypeCover: '不支持这种文件类型，请上传 JPG、PNG 或 WebP 图片。',
    uploadWrongTypePdf: '不支持这种文件类型，请上传 PDF 文件。',
    uploadWrongTypeVideo: '不支持这种文件类型，请上传 MP4 或 WebM 视频。',
    uploadTooLarge: '文件太大，上限 {limit}。',
    uploadNotFound: '找不到这次上传，或它已过期，请重新上传。',
    uploadPurposeNotYours: '视频只能由课程编辑人员上传；您可以上传照片或 PDF 文件。',
    uploadMissing: '文件还没有上传完成，请上传后再保存。',
    uploadIncomplete: '收到的文件与所选文件大小不同，可能没有上传完整，已删除，请重新上传。',
    uploadNotGenuine: '文件内容与文件类型不符（例如只改了扩展名），已删除，请上传正确的文件。',
    uploadChanged: '文件在检查时被改动了，请重新上传。',
    uploadBeingChecked: '这个文件正在检查中，请稍后再试。',
  },
  en: {
    uploadWrongTypeCover: 'This type of file is not accepted. Upload a JPG, PNG or WebP picture.',
    uploadWrongTypePdf: 'This type of file is not accepted. Upload a PDF file.',
    uploadWrongTypeVideo: 'This type of file is not accepted. Upload an MP4 or WebM video.',
    uploadTooLarge: 'The file is too large (limit {limit}).',
    uploadNotFound: 'There is no such upload, or it has expired. Upload the file again.',
    uploadPurposeNotYours: 'Videos are uploaded by course editors only; you can upload photos and PDF files.',
    uploadMissing: 'The file has not finished uploading. Upload it, then save.',
    uploadIncomplete: 'The file received is not the size of the file chosen (it may not have uploaded completely); it was deleted. Upload it again.',
    uploadNotGenuine: "The file's content does not match its type (for example, a renamed file); it was deleted. Upload the right file.",
    uploadChanged: 'The file was changed while it was being checked. Upload it again.',
    uploadBeingChecked: 'This file is still being checked. Try again in a moment.',
  },
});

/** What an upload's fields are called in validation messages. */
export const uploadsLabels = defineFieldLabels('uploads', {
  'zh-CN': {
    fileName: '文件名',
    purpose: '文件用途',
    contentType: '文件类型',
    size: '文件大小',
  },
  en: {
    fileName: 'file name',
    purpose: 'purpose of the file',
    contentType: 'file type',
    size: 'file size',
  },
});
