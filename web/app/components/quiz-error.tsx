import { ErrorPage } from './error-page';

/** The error boundary of the taker's quiz pages: the API's own words when it refused, and a way back to the quizzes. */
export function QuizError() {
  return (
    <ErrorPage
      forbidden={{ title: 'quizzes.error.forbiddenTitle', text: 'quizzes.error.forbiddenText', preferApi: true }}
      notFound={{ title: 'quizzes.error.notFoundTitle', text: 'quizzes.error.notFoundText' }}
      links={[
        { to: '/quizzes', label: 'quizzes.error.backToQuizzes' },
        { to: '/', label: 'error.backHome' },
      ]}
    />
  );
}
