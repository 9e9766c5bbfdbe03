import { ErrorPage } from './error-page';

/** The error boundary of the learning pages: the API's own words when it refused, and a way back to learning. */
export function CourseError() {
  return (
    <ErrorPage
      forbidden={{ title: 'learn.error.forbiddenTitle', text: 'learn.error.forbiddenText', preferApi: true }}
      notFound={{ title: 'learn.error.notFoundTitle', text: 'learn.error.notFoundText', preferApi: true }}
      links={[
        { to: '/learn', label: 'learn.error.backToLearn' },
        { to: '/', label: 'error.backHome' },
      ]}
    />
  );
}
