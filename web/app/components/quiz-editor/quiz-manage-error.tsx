import { ErrorPage } from '../error-page';

/** The error boundary of the quiz editor's pages: the API's own words when it refused, and the ways back. */
export function QuizManageError() {
  return (
    <ErrorPage
      forbidden={{ title: 'quizManage.error.forbiddenTitle', text: 'quizManage.forbidden', preferApi: true }}
      notFound={{ title: 'quizManage.error.notFoundTitle', text: 'quizManage.error.notFoundText' }}
      links={[
        { to: '/quizzes/manage', label: 'quizManage.error.backToList' },
        { to: '/', label: 'error.backHome' },
      ]}
    />
  );
}
